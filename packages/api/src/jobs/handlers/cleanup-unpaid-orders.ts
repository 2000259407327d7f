import type { Database } from '@prood/db';
import { orders, payments } from '@prood/db/schema';
import { and, eq, inArray, lt, notExists, sql } from 'drizzle-orm';
import { transitionOrder } from '../../events/emit';
import { lockOrder, logOrderEffect } from '../../payments/order-effects';
import { decideCheckoutExpired } from '../../payments/order-rules';

/**
 * Cancels orders that stayed unpaid (PENDING or FAILED, nothing paid, no payment still
 * processing) for longer than `maxAgeMs`. A sweep over all tenants by nature; each order is
 * then locked and moved with a compare-and-swap inside its own tenant scope.
 */
export async function cleanupUnpaidOrders(
  db: Database,
  options: {
    maxAgeMs: number;
    batchSize?: number;
    now?: Date;
    /** Limit the sweep to one tenant (the dashboard's "clean up now"); default all. */
    tenantId?: string;
  },
): Promise<{ canceled: number }> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.maxAgeMs);
  const candidates = await db
    .select({ id: orders.id, tenantId: orders.tenantId })
    .from(orders)
    .where(
      and(
        options.tenantId ? eq(orders.tenantId, options.tenantId) : undefined,
        inArray(orders.status, ['PENDING', 'FAILED']),
        eq(orders.amountPaid, 0),
        lt(orders.createdAt, cutoff),
        notExists(
          db
            .select({ one: sql`1` })
            .from(payments)
            .where(
              and(
                eq(payments.orderId, orders.id),
                inArray(payments.status, ['processing', 'succeeded']),
              ),
            ),
        ),
      ),
    )
    .limit(options.batchSize ?? 500);
  let canceled = 0;
  for (const candidate of candidates) {
    const scope = { tenantId: candidate.tenantId, orderId: candidate.id };
    const moved = await db.transaction(async (tx) => {
      const order = await lockOrder(tx, scope);
      if (!order || decideCheckoutExpired(order, undefined) === 'ignore') return false;
      const done = await transitionOrder(tx, {
        ...scope,
        from: [order.status],
        to: 'CANCELED',
        set: { canceledAt: new Date() },
      });
      if (done)
        await logOrderEffect(tx, {
          ...scope,
          event: 'canceled',
          details: { reason: 'unpaid too long' },
        });
      return Boolean(done);
    });
    if (moved) canceled += 1;
  }
  return { canceled };
}
