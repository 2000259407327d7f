import { listOrdersToReconcile } from '@prood/db';
import { reconcileOrderWithProvider } from '../../payments/confirm';
import type { PaymentDeps } from '../../payments/deps';

/**
 * Asks the provider about orders stuck PENDING for longer than `olderThanMs` (a webhook that
 * never arrived) and applies the answer through the same idempotent path as webhooks. The
 * provider's session id comes from the order's payment attempt in Postgres, which outlives the
 * session store's key.
 */
export async function reconcilePendingOrders(
  deps: PaymentDeps,
  options: {
    olderThanMs: number;
    batchSize?: number;
    now?: Date;
    /** Limit to one tenant; default all. */
    tenantId?: string;
  },
): Promise<{ checked: number; changed: number; errors: number }> {
  const before = new Date((options.now ?? new Date()).getTime() - options.olderThanMs);
  const stuck = await listOrdersToReconcile(deps.db, {
    before,
    limit: options.batchSize ?? 100,
    ...(options.tenantId ? { tenantId: options.tenantId } : {}),
  });
  let changed = 0;
  let errors = 0;
  for (const { order, providerSessionId } of stuck) {
    try {
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
