import type { SubscriptionEventBase, SubscriptionStatus } from '@prood/checkout';
import type Stripe from 'stripe';
import { eventCommon, idOf, isoFromUnix, ourIds, type StripeEventContext } from './shared';

const STATUSES: Record<Stripe.Subscription.Status, SubscriptionStatus> = {
  active: 'active',
  canceled: 'canceled',
  incomplete: 'incomplete',
  incomplete_expired: 'incomplete_expired',
  past_due: 'past_due',
  paused: 'paused',
  trialing: 'trialing',
  unpaid: 'unpaid',
};

/** Shared by created/updated/deleted; periods live on the items since API 2025-03-31. */
export function subscriptionFields(
  event: Stripe.Event,
  subscription: Stripe.Subscription,
  context: StripeEventContext,
): Omit<SubscriptionEventBase, never> {
  const item = subscription.items.data[0];
  const amount = subscription.items.data.reduce(
    (sum, each) => sum + (each.price.unit_amount ?? 0) * (each.quantity ?? 1),
    0,
  );
  return {
    ...eventCommon(event, context),
    ...ourIds(subscription.metadata),
    amount,
    currency: subscription.currency.toUpperCase(),
    providerSubscriptionId: subscription.id,
    providerCustomerId: idOf(subscription.customer),
    status: STATUSES[subscription.status] ?? 'incomplete',
    currentPeriodStart: isoFromUnix(item?.current_period_start),
    currentPeriodEnd: isoFromUnix(item?.current_period_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    providerPriceId: item?.price.id,
  };
}
