import type { CheckoutExpiredEvent } from '@prood/checkout';
import { endPaymentAttempts } from '@prood/db';
import { emitCheckoutExpired } from '../../events/emit';
import { logOrderEffect } from '../order-effects';
import { decideCheckoutExpired } from '../order-rules';
import { type EventHandler, lockEventOrder } from './context';

/**
 * `checkout.expired`: the current attempt's session ran out unpaid. That ends the attempt, not
 * the order: it stays payable through a new session until the tenant's unpaid-order lifetime
 * runs out (`cleanupUnpaidOrders`). After a payment, or for an older attempt, it is ignored.
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
  await endPaymentAttempts(ctx.tx, { tenantId: ctx.tenantId, orderId });
  const sessionId = event.checkoutSessionId ?? order.checkoutSessionId;
  if (sessionId) await emitCheckoutExpired(ctx.tx, order, sessionId);
  await logOrderEffect(ctx.tx, {
    tenantId: ctx.tenantId,
    orderId,
    event: `attempt_expired:${order.attempt}`,
    details: { reason: 'checkout expired', eventKey: ctx.eventKey },
  });
  return { type: event.type, orderId, outcome: 'attempt_ended', status: order.status };
};
