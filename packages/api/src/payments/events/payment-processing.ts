import type { PaymentProcessingEvent, PaymentRequiresActionEvent } from '@prood/checkout';
import { insertUnsettledPayment } from '@prood/db';
import { logOrderEffect } from '../order-effects';
import { type EventHandler, lockEventOrder } from './context';

/**
 * `payment.processing` / `payment.requires_action`: an asynchronous method or 3-D Secure is
 * still settling. The order stays PENDING; the later succeeded or failed event decides.
 */
export const applyPaymentPending: EventHandler<
  PaymentProcessingEvent | PaymentRequiresActionEvent
> = async (ctx, event) => {
  const order = await lockEventOrder(ctx, event);
  if (!order) return { type: event.type, outcome: 'order_not_found' };
  const orderId = order.id;
  if (event.providerPaymentId) {
    // a settled payment row is never moved back to processing
    await insertUnsettledPayment(ctx.tx, {
      tenantId: ctx.tenantId,
      orderId,
      provider: ctx.provider,
      providerPaymentId: event.providerPaymentId,
      checkoutSessionId: event.checkoutSessionId ?? null,
      amount: event.amount,
      currency: event.currency.toUpperCase(),
      status: event.type === 'payment.processing' ? 'processing' : 'requires_action',
    });
  }
  await logOrderEffect(ctx.tx, {
    tenantId: ctx.tenantId,
    orderId,
    event: `${event.type === 'payment.processing' ? 'processing' : 'requires_action'}:${ctx.eventKey}`,
    details: { status: order.status },
  });
  return { type: event.type, orderId, outcome: 'waiting', status: order.status };
};
