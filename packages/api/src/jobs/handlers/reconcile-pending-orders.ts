import { orders } from '@prood/db/schema';
import { and, eq, isNotNull, lt } from 'drizzle-orm';
import type { LoadProviderSessionId } from '../../payments/confirm';
import { reconcileOrderWithProvider } from '../../payments/confirm';
import type { PaymentDeps } from '../../payments/deps';

/**
 * Asks the provider about orders stuck PENDING for longer than `olderThanMs` (a webhook that
 * never arrived) and applies the answer through the same idempotent path as webhooks.
 */
export async function reconcilePendingOrders(
  deps: PaymentDeps,
  options: {
    olderThanMs: number;
    loadProviderSessionId: LoadProviderSessionId;
    batchSize?: number;
    now?: Date;
    /** Limit to one tenant; default all. */
    tenantId?: string;
  },
): Promise<{ checked: number; changed: number; errors: number }> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - options.olderThanMs);
  const stuck = await deps.db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.status, 'PENDING'),
        isNotNull(orders.checkoutSessionId),
        lt(orders.updatedAt, cutoff),
      ),
    )
    .orderBy(orders.updatedAt)
    .limit(options.batchSize ?? 100);
  let changed = 0;
  let errors = 0;
  for (const order of stuck) {
    if (!order.checkoutSessionId) continue;
    try {
      const providerSessionId = await options.loadProviderSessionId(
        order.tenantId,
        order.checkoutSessionId,
      );
      if (!providerSessionId) continue;
      const after = await reconcileOrderWithProvider(deps, order, providerSessionId, 'reconcile');
      if (after.status !== order.status) changed += 1;
    } catch (error) {
      errors += 1;
      deps.logger.warn(
        { err: error, orderId: order.id, tenantId: order.tenantId },
        'reconcile failed',
      );
    }
  }
  return { checked: stuck.length, changed, errors };
}
