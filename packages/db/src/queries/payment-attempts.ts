import { newId } from '@prood/validators';
import { and, asc, desc, eq, isNotNull, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { reusable, setPlaceholder } from '../reusable';
import { orders, paymentAttempts } from '../schema';
import { scoped, scopedStatement, type TenantScope } from './scope';

export type PaymentAttempt = typeof paymentAttempts.$inferSelect;

/**
 * Reserves attempt number `attempt` of an order (status `starting`). Returns undefined when
 * another writer reserved that number first.
 */
export async function reservePaymentAttempt(
  db: Executor,
  scope: TenantScope & { orderId: string; attempt: number; provider: string | null },
): Promise<PaymentAttempt | undefined> {
  if (!scope.tenantId) throw new Error('tenantId is required for a tenant-scoped query');
  const [row] = await reusable(
    db,
    'payment-attempts.reserve',
    (d) =>
      d
        .insert(paymentAttempts)
        .values({
          id: sql.placeholder('id'),
          tenantId: sql.placeholder('tenantId'),
          orderId: sql.placeholder('orderId'),
          attempt: sql.placeholder('attempt'),
          provider: sql.placeholder('provider'),
          status: 'starting',
        })
        .onConflictDoNothing({ target: [paymentAttempts.orderId, paymentAttempts.attempt] })
        .returning(),
    {
      id: newId('paymentAttempt'),
      tenantId: scope.tenantId,
      orderId: scope.orderId,
      attempt: scope.attempt,
      provider: scope.provider,
    },
  );
  return row;
}

/**
 * The order and its latest attempt in one statement, so both come from one snapshot (a settle
 * in between is never half seen) without a transaction around two reads: one round trip.
 */
export async function getOrderWithLatestAttempt(
  db: Executor,
  scope: TenantScope & { orderId: string },
): Promise<{ order: typeof orders.$inferSelect; latest: PaymentAttempt | undefined } | undefined> {
  const [row] = await reusable(
    db,
    'orders.get-with-latest-attempt',
    (d) => {
      const latest = d
        .select()
        .from(paymentAttempts)
        .where(
          and(
            eq(paymentAttempts.tenantId, orders.tenantId),
            eq(paymentAttempts.orderId, orders.id),
          ),
        )
        .orderBy(desc(paymentAttempts.attempt))
        .limit(1)
        .as('latest');
      return d
        .select()
        .from(orders)
        .leftJoinLateral(latest, sql`true`)
        .where(scopedStatement(orders, eq(orders.id, sql.placeholder('orderId'))))
        .limit(1);
    },
    { tenantId: scope.tenantId, orderId: scope.orderId },
  );
  return row ? { order: row.orders, latest: row.latest ?? undefined } : undefined;
}

/** The attempt behind one of our checkout sessions. */
export async function getPaymentAttemptBySession(
  db: Executor,
  scope: TenantScope & { checkoutSessionId: string },
): Promise<PaymentAttempt | undefined> {
  const [row] = await db
    .select()
    .from(paymentAttempts)
    .where(
      scoped(
        paymentAttempts,
        scope,
        eq(paymentAttempts.checkoutSessionId, scope.checkoutSessionId),
      ),
    )
    .limit(1);
  return row;
}

/** Settles a reserved attempt with the checkout session that now carries it. */
export async function openPaymentAttempt(
  db: Executor,
  scope: TenantScope & { attemptId: string; checkoutSessionId: string; provider: string | null },
): Promise<PaymentAttempt | undefined> {
  const [row] = await reusable(
    db,
    'payment-attempts.open',
    (d) =>
      d
        .update(paymentAttempts)
        .set({
          status: 'open',
          checkoutSessionId: setPlaceholder<string>('checkoutSessionId'),
          provider: setPlaceholder<string | null>('provider'),
          updatedAt: sql`now()`,
        })
        .where(
          scopedStatement(
            paymentAttempts,
            eq(paymentAttempts.id, sql.placeholder('attemptId')),
            eq(paymentAttempts.status, 'starting'),
          ),
        )
        .returning(),
    {
      checkoutSessionId: scope.checkoutSessionId,
      provider: scope.provider,
      tenantId: scope.tenantId,
      attemptId: scope.attemptId,
    },
  );
  return row;
}

/**
 * Records the provider's session behind one of our checkout sessions, when the shopper starts
 * paying. Returns undefined when no attempt carries that session (another tenant's, or unknown).
 */
export async function recordProviderSession(
  db: Executor,
  scope: TenantScope & { checkoutSessionId: string; provider: string; providerSessionId: string },
): Promise<PaymentAttempt | undefined> {
  const [row] = await db
    .update(paymentAttempts)
    .set({ provider: scope.provider, providerSessionId: scope.providerSessionId })
    .where(
      scoped(
        paymentAttempts,
        scope,
        eq(paymentAttempts.checkoutSessionId, scope.checkoutSessionId),
      ),
    )
    .returning();
  return row;
}

/** Ends every attempt of an order except `keepAttemptId` (expired, canceled or replaced). */
export async function endPaymentAttempts(
  db: Executor,
  scope: TenantScope & { orderId: string; keepAttemptId?: string },
): Promise<void> {
  await reusable(
    db,
    `payment-attempts.end:${scope.keepAttemptId ? 'keep' : 'all'}`,
    (d) =>
      d
        .update(paymentAttempts)
        .set({ status: 'ended', updatedAt: sql`now()` })
        .where(
          scopedStatement(
            paymentAttempts,
            eq(paymentAttempts.orderId, sql.placeholder('orderId')),
            ne(paymentAttempts.status, 'ended'),
            scope.keepAttemptId
              ? ne(paymentAttempts.id, sql.placeholder('keepAttemptId'))
              : undefined,
          ),
        ),
    {
      tenantId: scope.tenantId,
      orderId: scope.orderId,
      ...(scope.keepAttemptId ? { keepAttemptId: scope.keepAttemptId } : {}),
    },
  );
}

/**
 * PENDING orders untouched since `before` whose current attempt reached a provider: the ones a
 * reconciliation can ask about. A sweep over all tenants by nature (each order carries its own).
 */
export async function listOrdersToReconcile(
  db: Executor,
  filter: { before: Date; limit: number; tenantId?: string },
): Promise<Array<{ order: typeof orders.$inferSelect; providerSessionId: string }>> {
  const rows = await db
    .select({ order: orders, providerSessionId: paymentAttempts.providerSessionId })
    .from(orders)
    .innerJoin(
      paymentAttempts,
      and(
        eq(paymentAttempts.tenantId, orders.tenantId),
        eq(paymentAttempts.orderId, orders.id),
        eq(paymentAttempts.checkoutSessionId, orders.checkoutSessionId),
      ),
    )
    .where(
      and(
        filter.tenantId ? eq(orders.tenantId, filter.tenantId) : undefined,
        eq(orders.status, 'PENDING'),
        isNotNull(paymentAttempts.providerSessionId),
        lt(orders.updatedAt, filter.before),
      ),
    )
    .orderBy(asc(orders.updatedAt))
    .limit(filter.limit);
  return rows.flatMap((r) =>
    r.providerSessionId ? [{ order: r.order, providerSessionId: r.providerSessionId }] : [],
  );
}
