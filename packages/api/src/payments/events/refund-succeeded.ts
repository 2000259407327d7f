import type { RefundSucceededEvent } from '@prood/checkout';
import { findPaymentId, raiseProviderRefundedTotal, upsertSucceededRefund } from '@prood/db';
import { applyKnownRefunds, logOrderEffect } from '../order-effects';
import { isPaidStatus } from '../order-rules';
import { type EventHandler, lockEventOrder } from './context';

/**
 * `refund.succeeded` (also refunds made in the provider's dashboard): records the refund once
 * by its provider id and raises the provider-reported total; the order's refunded amount is the
 * higher of the two, so a refund we made is never counted twice. A refund that arrives before
 * the payment waits and is applied when the payment is.
 */
export const applyRefundSucceeded: EventHandler<RefundSucceededEvent> = async (ctx, event) => {
  const order = await lockEventOrder(ctx, event);
  if (!order) return { type: event.type, outcome: 'order_not_found' };
  const orderId = order.id;

  if (event.providerRefundId && event.amount > 0) {
    const paymentId = event.providerPaymentId
      ? await findPaymentId(ctx.tx, {
          tenantId: ctx.tenantId,
          provider: ctx.provider,
          providerPaymentId: event.providerPaymentId,
        })
      : undefined;
    await upsertSucceededRefund(ctx.tx, {
      tenantId: ctx.tenantId,
      orderId,
      paymentId: paymentId ?? null,
      provider: ctx.provider,
      providerRefundId: event.providerRefundId,
      amount: event.amount,
      currency: event.currency.toUpperCase(),
    });
  }
  const raised = await raiseProviderRefundedTotal(ctx.tx, {
    tenantId: ctx.tenantId,
    orderId,
    total: event.amountRefundedTotal,
  });
  const settled = await applyKnownRefunds(ctx.tx, raised ?? order);
  await logOrderEffect(ctx.tx, {
    tenantId: ctx.tenantId,
    orderId,
    event: `refund:${event.providerRefundId ?? `total:${event.amountRefundedTotal}`}`,
    details: {
      amount: event.amount,
      amountRefundedTotal: event.amountRefundedTotal,
      eventKey: ctx.eventKey,
      beforePayment: !isPaidStatus(order.status),
    },
  });
  return {
    type: event.type,
    orderId,
    outcome: isPaidStatus(order.status) ? 'refunded' : 'refund_waits_for_payment',
    status: settled.status,
  };
};
