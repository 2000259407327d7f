import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { mailOutbox } from '../schema';
import { scoped } from './scope';

export type OutboxMail = typeof mailOutbox.$inferSelect;
export type NewOutboxMail = Omit<typeof mailOutbox.$inferInsert, 'createdAt'>;

/** Records one sent or captured mail (through `db`, so it commits with the caller's transaction). */
export async function insertOutboxMail(db: Executor, mail: NewOutboxMail): Promise<OutboxMail> {
  const [row] = await db.insert(mailOutbox).values(mail).returning();
  if (!row) throw new Error('mail_outbox insert returned no row');
  return row;
}

/**
 * The tenant's captured mail, newest first: what the dashboard's dev outbox shows.
 *
 * @example
 * const mails = await listOutboxMail(db, { tenantId, orderId }); // [{ kind: 'order_confirmation', to, subject, text, … }]
 */
export async function listOutboxMail(
  db: Executor,
  filter: {
    tenantId: string;
    orderId?: string | undefined;
    limit?: number | undefined;
    /** Keyset cursor: the last mail of the page before; another tenant's gives no rows. */
    startingAfter?: string | undefined;
  },
): Promise<OutboxMail[]> {
  // compared in SQL: timestamps keep microseconds a JavaScript Date would drop
  const after = filter.startingAfter
    ? sql`(${mailOutbox.createdAt}, ${mailOutbox.id}) < (select m.created_at, m.id from ${mailOutbox} m where m.id = ${filter.startingAfter} and m.tenant_id = ${filter.tenantId})`
    : undefined;
  return db
    .select()
    .from(mailOutbox)
    .where(
      scoped(
        mailOutbox,
        filter,
        filter.orderId ? eq(mailOutbox.orderId, filter.orderId) : undefined,
        after,
      ),
    )
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(Math.min(filter.limit ?? 50, 200));
}

/**
 * One account's own mail (verification, password reset), newest first: the dev outbox shows it
 * beside the tenant's, so a merchant finds their verification mail before any tenant exists.
 *
 * @example
 * const [verification] = await listAccountMail(db, { userId: 'usr_…' });
 */
export async function listAccountMail(
  db: Executor,
  filter: { userId: string; limit?: number | undefined },
): Promise<OutboxMail[]> {
  return db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.userId, filter.userId), isNull(mailOutbox.tenantId)))
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(Math.min(filter.limit ?? 50, 200));
}
