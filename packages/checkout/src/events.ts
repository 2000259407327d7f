/**
 * The normalized payment events every provider maps its webhooks and status look-ups onto.
 * The commerce API applies these and nothing else: no provider type leaks past this point.
 */

export type ProviderId = string;

/** Fields every normalized event carries. */
export interface PaymentEventBase {
  /** The tenant whose account the event belongs to (checked against the route's tenant). */
  tenantId: string;
  provider: ProviderId;
  /** The provider's event id (e.g. Stripe `evt_…`); with tenant and provider, the dedupe key. */
  providerEventId: string;
  /** ISO-8601 time the provider says the event happened. */
  occurredAt: string;
  /** Our order id, from the metadata we sent the provider; absent for foreign objects. */
  orderId?: string | undefined;
  /** Our checkout session id (`cs_…`), when the provider object carries it. */
  checkoutSessionId?: string | undefined;
  /** The provider's checkout/session object id (Stripe `cs_test_…`, sandbox session id). */
  providerSessionId?: string | undefined;
  /** The provider's payment id (Stripe PaymentIntent `pi_…`, sandbox payment id). */
  providerPaymentId?: string | undefined;
  /** Integer minor units of `currency`. */
  amount: number;
  /** ISO 4217, upper case. */
  currency: string;
}

export interface PaymentSucceededEvent extends PaymentEventBase {
  type: 'payment.succeeded';
  providerCustomerId?: string | undefined;
  providerSubscriptionId?: string | undefined;
}

export interface PaymentFailedEvent extends PaymentEventBase {
  type: 'payment.failed';
  failureCode?: string | undefined;
  failureMessage?: string | undefined;
}

export interface PaymentRequiresActionEvent extends PaymentEventBase {
  type: 'payment.requires_action';
}

/** Paid with an asynchronous method (SEPA debit, bank transfer…): wait for succeeded/failed. */
export interface PaymentProcessingEvent extends PaymentEventBase {
  type: 'payment.processing';
}

export interface RefundSucceededEvent extends PaymentEventBase {
  type: 'refund.succeeded';
  /** The refund's own id when known (a charge may carry several). */
  providerRefundId?: string | undefined;
  /** Total refunded on the payment so far, minor units (lets the API reconcile). */
  amountRefundedTotal: number;
}

export interface CheckoutExpiredEvent extends PaymentEventBase {
  type: 'checkout.expired';
}

export type SubscriptionStatus =
  | 'incomplete'
  | 'incomplete_expired'
  | 'trialing'
  | 'active'
  | 'past_due'
  | 'canceled'
  | 'unpaid'
  | 'paused';

export interface SubscriptionEventBase extends PaymentEventBase {
  providerSubscriptionId: string;
  providerCustomerId?: string | undefined;
  status: SubscriptionStatus;
  currentPeriodStart?: string | undefined;
  currentPeriodEnd?: string | undefined;
  cancelAtPeriodEnd: boolean;
  providerPriceId?: string | undefined;
}

export interface SubscriptionCreatedEvent extends SubscriptionEventBase {
  type: 'subscription.created';
}
export interface SubscriptionUpdatedEvent extends SubscriptionEventBase {
  type: 'subscription.updated';
}
export interface SubscriptionDeletedEvent extends SubscriptionEventBase {
  type: 'subscription.deleted';
}

export type NormalizedPaymentEvent =
  | PaymentSucceededEvent
  | PaymentFailedEvent
  | PaymentRequiresActionEvent
  | PaymentProcessingEvent
  | RefundSucceededEvent
  | CheckoutExpiredEvent
  | SubscriptionCreatedEvent
  | SubscriptionUpdatedEvent
  | SubscriptionDeletedEvent;

export type NormalizedPaymentEventType = NormalizedPaymentEvent['type'];

export const NORMALIZED_PAYMENT_EVENT_TYPES = [
  'payment.succeeded',
  'payment.failed',
  'payment.requires_action',
  'payment.processing',
  'refund.succeeded',
  'checkout.expired',
  'subscription.created',
  'subscription.updated',
  'subscription.deleted',
] as const satisfies readonly NormalizedPaymentEventType[];
