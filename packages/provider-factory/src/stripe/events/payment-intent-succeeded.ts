import type Stripe from 'stripe';
import { eventCommon, idOf, intentFields, type StripeEventHandler } from './shared';

export const paymentIntentSucceeded: StripeEventHandler<Stripe.PaymentIntentSucceededEvent> = (
  event,
  context,
) => [
  {
    ...eventCommon(event, context),
    ...intentFields(event.data.object),
    type: 'payment.succeeded',
    providerCustomerId: idOf(event.data.object.customer),
  },
];
