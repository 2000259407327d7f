import type Stripe from 'stripe';
import { subscriptionFields } from './customer-subscription';
import type { StripeEventHandler } from './shared';

export const customerSubscriptionDeleted: StripeEventHandler<
  Stripe.CustomerSubscriptionDeletedEvent
> = (event, context) => [
  { ...subscriptionFields(event, event.data.object, context), type: 'subscription.deleted' },
];
