import type Stripe from 'stripe';
import { eventCommon, idOf, ourIds, type StripeEventHandler } from './shared';

/**
 * A charge's refunds: `amount_refunded` is the running total, which lets the platform reconcile
 * even when refund events arrive out of order.
 */
export const chargeRefunded: StripeEventHandler<Stripe.ChargeRefundedEvent> = (event, context) => {
  const charge = event.data.object;
  // `refunds` is only present when expanded; the newest refund comes first
  const latest = charge.refunds?.data[0];
  return [
    {
      ...eventCommon(event, context),
      ...ourIds(charge.metadata),
      providerPaymentId: idOf(charge.payment_intent) ?? charge.id,
      amount: latest?.amount ?? charge.amount_refunded,
      currency: charge.currency.toUpperCase(),
      type: 'refund.succeeded',
      providerRefundId: latest?.id,
      amountRefundedTotal: charge.amount_refunded,
    },
  ];
};
