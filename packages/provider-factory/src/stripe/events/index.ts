import type { NormalizedPaymentEvent, NormalizedPaymentEventType } from '@prood/checkout';
import type Stripe from 'stripe';
import { chargeRefunded } from './charge-refunded';
import { checkoutSessionAsyncPaymentFailed } from './checkout-session-async-payment-failed';
import { checkoutSessionAsyncPaymentSucceeded } from './checkout-session-async-payment-succeeded';
import { checkoutSessionCompleted } from './checkout-session-completed';
import { checkoutSessionExpired } from './checkout-session-expired';
import { customerSubscriptionCreated } from './customer-subscription-created';
import { customerSubscriptionDeleted } from './customer-subscription-deleted';
import { customerSubscriptionUpdated } from './customer-subscription-updated';
import { paymentIntentPaymentFailed } from './payment-intent-payment-failed';
import { paymentIntentRequiresAction } from './payment-intent-requires-action';
import { paymentIntentSucceeded } from './payment-intent-succeeded';
import type { StripeEventContext, StripeEventHandler } from './shared';

export type { StripeEventContext };

/** One handler per Stripe event type we act on; every other type is acknowledged and ignored. */
const HANDLERS = {
  'checkout.session.completed': checkoutSessionCompleted,
  'checkout.session.async_payment_succeeded': checkoutSessionAsyncPaymentSucceeded,
  'checkout.session.async_payment_failed': checkoutSessionAsyncPaymentFailed,
  'checkout.session.expired': checkoutSessionExpired,
  'payment_intent.succeeded': paymentIntentSucceeded,
  'payment_intent.payment_failed': paymentIntentPaymentFailed,
  'payment_intent.requires_action': paymentIntentRequiresAction,
  'charge.refunded': chargeRefunded,
  'customer.subscription.created': customerSubscriptionCreated,
  'customer.subscription.updated': customerSubscriptionUpdated,
  'customer.subscription.deleted': customerSubscriptionDeleted,
} satisfies {
  [Type in Stripe.Event['type']]?: StripeEventHandler<Extract<Stripe.Event, { type: Type }>>;
};

export type HandledStripeEventType = keyof typeof HANDLERS;
export const HANDLED_STRIPE_EVENT_TYPES = Object.keys(HANDLERS) as HandledStripeEventType[];

/** Which normalized events each handled Stripe event can become (the registry's events map). */
export const STRIPE_EVENT_MAP = {
  'checkout.session.completed': ['payment.succeeded', 'payment.processing'],
  'checkout.session.async_payment_succeeded': ['payment.succeeded'],
  'checkout.session.async_payment_failed': ['payment.failed'],
  'checkout.session.expired': ['checkout.expired'],
  'payment_intent.succeeded': ['payment.succeeded'],
  'payment_intent.payment_failed': ['payment.failed'],
  'payment_intent.requires_action': ['payment.requires_action'],
  'charge.refunded': ['refund.succeeded'],
  'customer.subscription.created': ['subscription.created'],
  'customer.subscription.updated': ['subscription.updated'],
  'customer.subscription.deleted': ['subscription.deleted'],
} as const satisfies Record<HandledStripeEventType, readonly NormalizedPaymentEventType[]>;

/**
 * Maps a verified Stripe event to normalized events; `[]` for types we do not act on.
 *
 * @example
 * mapStripeEvent(event, { tenantId }) // [{ type: 'payment.succeeded', orderId: 'ord_…', … }]
 */
export function mapStripeEvent(
  event: Stripe.Event,
  context: StripeEventContext,
): NormalizedPaymentEvent[] {
  if (!Object.hasOwn(HANDLERS, event.type)) return [];
  // the table is keyed by type, so the handler found matches this event's variant
  const handler = HANDLERS[
    event.type as HandledStripeEventType
  ] as StripeEventHandler<Stripe.Event>;
  return handler(event, context);
}
