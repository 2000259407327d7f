import { type Executor, endPaymentAttempts, type Order } from '@prood/db';
import { transitionOrder } from '../events/emit';
import { logOrderEffect } from './order-effects';

/** An order can be canceled only while it awaits payment and nothing has been paid. */
export function isCancelableUnpaid(order: Pick<Order, 'status' | 'amountPaid'>): boolean {
  return (order.status === 'PENDING' || order.status === 'FAILED') && order.amountPaid === 0;
}

/**
 * "Cancel an unpaid order", the one place it is written: on an order the caller has locked
 * (`lockOrder`), moves PENDING|FAILED → CANCELED by compare-and-swap, ends its payment attempts
 * and logs why. Returns undefined (and changes nothing) when the order is not cancelable.
 *
 * @example
 * const order = await lockOrder(tx, scope);
 * if (order) await cancelUnpaidOrder(tx, order, { reason: 'unpaid too long' });
 */
export async function cancelUnpaidOrder(
  tx: Executor,
  order: Order,
  why: { reason: string; details?: Record<string, unknown> },
): Promise<Order | undefined> {
  if (!isCancelableUnpaid(order)) return undefined;
  const scope = { tenantId: order.tenantId, orderId: order.id };
  const canceled = await transitionOrder(tx, {
    ...scope,
    previous: order,
    from: [order.status],
    to: 'CANCELED',
    set: { canceledAt: new Date() },
  });
  if (!canceled) throw new Error(`order ${order.id} changed while locked`);
  await endPaymentAttempts(tx, scope);
  await logOrderEffect(tx, {
    ...scope,
    event: 'canceled',
    details: { reason: why.reason, ...why.details },
  });
  return canceled;
}
