import type Stripe from 'stripe';
import { subscriptionFields } from './customer-subscription';
import type { StripeEventHandler } from './shared';

export const customerSubscriptionCreated: StripeEventHandler<
  Stripe.CustomerSubscriptionCreatedEvent
> = (event, context) => [
  { ...subscriptionFields(event, event.data.object, context), type: 'subscription.created' },
];
