import type { CheckoutExpiredEvent } from '@prood/checkout';
import { emitCheckoutExpired, transitionOrder } from '../../events/emit';
import { logOrderEffect } from '../order-effects';
import { decideCheckoutExpired } from '../order-rules';
import { type EventHandler, lockEventOrder } from './context';

/**
 * `checkout.expired`: the current attempt's session ran out unpaid → CANCELED. After a payment,
 * or for an older attempt, it is logged and ignored.
 */
export const applyCheckoutExpired: EventHandler<CheckoutExpiredEvent> = async (ctx, event) => {
  const order = await lockEventOrder(ctx, event);
  if (!order) return { type: event.type, outcome: 'order_not_found' };
  const orderId = order.id;
  if (decideCheckoutExpired(order, event.checkoutSessionId) === 'ignore') {
    await logOrderEffect(ctx.tx, {
      tenantId: ctx.tenantId,
      orderId,
      event: `ignored:${ctx.eventKey}`,
      details: { type: event.type, status: order.status, reason: 'paid, closed or other attempt' },
    });
    return { type: event.type, orderId, outcome: 'ignored', status: order.status };
  }
  const sessionId = event.checkoutSessionId ?? order.checkoutSessionId;
  if (sessionId) await emitCheckoutExpired(ctx.tx, order, sessionId);
  const canceled = await transitionOrder(ctx.tx, {
    tenantId: ctx.tenantId,
    orderId,
    from: [order.status],
    to: 'CANCELED',
    set: { canceledAt: new Date() },
  });
  if (!canceled) throw new Error(`order ${orderId} changed while locked`);
  await logOrderEffect(ctx.tx, {
    tenantId: ctx.tenantId,
    orderId,
    event: 'canceled',
    details: { reason: 'checkout expired', eventKey: ctx.eventKey },
  });
  return { type: event.type, orderId, outcome: 'canceled', status: canceled.status };
};
