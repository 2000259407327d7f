import type Stripe from 'stripe';
import { eventCommon, type StripeEventHandler, sessionFields } from './shared';

export const checkoutSessionExpired: StripeEventHandler<Stripe.CheckoutSessionExpiredEvent> = (
  event,
  context,
) => [
  { ...eventCommon(event, context), ...sessionFields(event.data.object), type: 'checkout.expired' },
];
