import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '../client';
import { mailOutbox } from '../schema';
import { createTestTenant } from '../testing';
import { listOutboxMail } from './mail';

let db: Database;
beforeAll(() => {
  db = createDatabase(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db.$client.end();
});

const mailId = (n: number) => `mail_${'0'.repeat(20)}${String(n).padStart(2, '0')}`;

/**
 * Seven mails of one tenant: two share one instant (ties go by id), two lie microseconds apart
 * within one millisecond (what a JavaScript Date cannot tell apart).
 */
async function seed(prefix: string) {
  const tenant = await createTestTenant(db);
  const at = ['00', '01', '02.000100', '02.000200', '02.000200', '03', '04'];
  await db.insert(mailOutbox).values(
    at.map((second, n) => ({
      id: `${mailId(n)}${prefix}`,
      tenantId: tenant.id,
      kind: 'order_confirmation',
      to: 'a@example.com',
      subject: `Mail ${n}`,
      text: 'x',
      transport: 'outbox' as const,
      createdAt: sql`${`2026-01-01T00:00:${second}Z`}::timestamptz`,
    })),
  );
  return tenant.id;
}

describe('the outbox, page by page', () => {
  it('walks every mail once, newest first, ties on the instant included', async () => {
    const tenantId = await seed('a');
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await listOutboxMail(db, { tenantId, limit: 2, startingAfter: after });
      if (page.length === 0) break;
      seen.push(...page.map((m) => m.subject));
      after = page.at(-1)?.id;
    }
    expect(seen).toEqual(['Mail 6', 'Mail 5', 'Mail 4', 'Mail 3', 'Mail 2', 'Mail 1', 'Mail 0']);
  });

  it('gives nothing after another tenant’s mail: a cursor never crosses tenants', async () => {
    const mine = await seed('b');
    const other = await seed('c');
    const [theirs] = await listOutboxMail(db, { tenantId: other, limit: 1 });
    expect(theirs).toBeDefined();
    expect(await listOutboxMail(db, { tenantId: mine, startingAfter: theirs?.id })).toEqual([]);
    expect(await listOutboxMail(db, { tenantId: mine })).toHaveLength(7);
  });
});
