import type Stripe from 'stripe';
import { eventCommon, intentFields, type StripeEventHandler } from './shared';

export const paymentIntentPaymentFailed: StripeEventHandler<
  Stripe.PaymentIntentPaymentFailedEvent
> = (event, context) => {
  const error = event.data.object.last_payment_error;
  return [
    {
      ...eventCommon(event, context),
      ...intentFields(event.data.object),
      type: 'payment.failed',
      // decline_code is the precise reason (insufficient_funds…) when the code is card_declined
      failureCode: error?.decline_code ?? error?.code ?? undefined,
      failureMessage: error?.message ?? undefined,
    },
  ];
};
