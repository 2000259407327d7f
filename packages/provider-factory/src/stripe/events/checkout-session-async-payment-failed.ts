import type Stripe from 'stripe';
import { eventCommon, type StripeEventHandler, sessionFields } from './shared';

export const checkoutSessionAsyncPaymentFailed: StripeEventHandler<
  Stripe.CheckoutSessionAsyncPaymentFailedEvent
> = (event, context) => [
  {
    ...eventCommon(event, context),
    ...sessionFields(event.data.object),
    type: 'payment.failed',
    failureCode: 'async_payment_failed',
    failureMessage: 'The asynchronous payment failed.',
  },
];
