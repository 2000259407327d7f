import type Stripe from 'stripe';
import { eventCommon, idOf, type StripeEventHandler, sessionFields } from './shared';

export const checkoutSessionAsyncPaymentSucceeded: StripeEventHandler<
  Stripe.CheckoutSessionAsyncPaymentSucceededEvent
> = (event, context) => {
  const session = event.data.object;
  return [
    {
      ...eventCommon(event, context),
      ...sessionFields(session),
      type: 'payment.succeeded',
      providerCustomerId: idOf(session.customer),
      providerSubscriptionId: idOf(session.subscription),
    },
  ];
};
