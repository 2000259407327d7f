import type { Database, Order } from '@prood/db';
import { ApiError, notFound } from '../errors';
import { transitionOrder } from '../events/emit';
import { lockOrder, logOrderEffect } from './order-effects';

/**
 * PAID → FULFILLED, once. Digital orders are fulfilled by the `order-digital-fulfilment` job as
 * soon as they are paid; shipped and picked-up orders when the merchant marks them. An order
 * flagged for review is never fulfilled automatically (`force` is the merchant's decision).
 *
 * @example
 * await fulfillOrder(db, { tenantId, orderId }, { by: 'merchant' });
 */
export async function fulfillOrder(
  db: Database,
  scope: { tenantId: string; orderId: string },
  options: { by: 'job' | 'merchant' },
): Promise<{ outcome: 'fulfilled' | 'unchanged'; order: Order }> {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, scope);
    if (!order) throw notFound('order');
    if (order.status === 'FULFILLED') return { outcome: 'unchanged' as const, order };
    if (order.status !== 'PAID' || (order.needsReview && options.by === 'job')) {
      if (options.by === 'job') return { outcome: 'unchanged' as const, order };
      throw new ApiError('conflict', 'Only a paid order can be fulfilled.', {
        status: order.status,
      });
    }
    const fulfilled = await transitionOrder(tx, {
      ...scope,
      from: ['PAID'],
      to: 'FULFILLED',
      set: { fulfilledAt: new Date() },
    });
    if (!fulfilled) throw new Error(`order ${scope.orderId} changed while locked`);
    await logOrderEffect(tx, { ...scope, event: 'fulfilled', details: { by: options.by } });
    return { outcome: 'fulfilled' as const, order: fulfilled };
  });
}
