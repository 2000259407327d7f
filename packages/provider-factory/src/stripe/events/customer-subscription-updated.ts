import type Stripe from 'stripe';
import { subscriptionFields } from './customer-subscription';
import type { StripeEventHandler } from './shared';

export const customerSubscriptionUpdated: StripeEventHandler<
  Stripe.CustomerSubscriptionUpdatedEvent
> = (event, context) => [
  { ...subscriptionFields(event, event.data.object, context), type: 'subscription.updated' },
];
