import type { NormalizedPaymentEvent, ProviderId } from './events';

/**
 * The `PaymentProvider` port: a small required interface every provider implements, plus
 * optional capabilities detected with the type guards below. Providers speak this vocabulary;
 * their SDK types never cross it.
 */

export type ProviderMode = 'test' | 'live';

export interface CheckoutLineItem {
  name: string;
  /** Integer minor units, tax included as the order computed it. */
  unitAmount: number;
  quantity: number;
  /** Set for subscription-mode checkouts. */
  recurring?: { interval: 'day' | 'week' | 'month' | 'year'; intervalCount: number } | undefined;
}

export interface StartPaymentInput {
  tenantId: string;
  /** Our checkout session id (`cs_…`). */
  checkoutSessionId: string;
  orderId: string;
  /** 1 for the first try; a retry after failure/expiry increments it (idempotency keys use it). */
  attempt: number;
  /** Integer minor units: what the shopper pays in total. Always from the order. */
  amount: number;
  currency: string;
  mode: 'payment' | 'subscription';
  /** Line items from the server's prices; their total equals `amount`. */
  lineItems: CheckoutLineItem[];
  customer?: { email?: string | undefined; providerCustomerId?: string | undefined } | undefined;
  /** Absolute URLs back to the checkout app. */
  successUrl: string;
  cancelUrl: string;
  /** When our session expires; providers clamp to what they allow. */
  expiresAt: Date;
  allowPromotionCodes?: boolean | undefined;
  /** `hosted`: redirect to the provider's page; `embedded`: client secret for our page. */
  flow?: 'hosted' | 'embedded' | undefined;
}

export type StartPaymentResult =
  | {
      kind: 'redirect';
      providerSessionId: string;
      /** Where to send the shopper. */
      redirectUrl: string;
      expiresAt: Date;
    }
  | {
      kind: 'client_secret';
      providerPaymentId: string;
      clientSecret: string;
      /** Publishable key for the browser SDK; safe to show. */
      publishableKey?: string | undefined;
    };

export interface PaymentStatusQuery {
  providerSessionId?: string | undefined;
  providerPaymentId?: string | undefined;
}

/** A provider's answer about a session or payment, reported the way Stripe reports sessions. */
export interface PaymentStatus {
  providerSessionId?: string | undefined;
  providerPaymentId?: string | undefined;
  status: 'open' | 'complete' | 'expired';
  paymentStatus: 'unpaid' | 'paid' | 'no_payment_required';
  /** True while an async method is still settling (complete + unpaid). */
  processing: boolean;
  requiresAction: boolean;
  amount: number;
  currency: string;
  orderId?: string | undefined;
  checkoutSessionId?: string | undefined;
  providerCustomerId?: string | undefined;
  providerSubscriptionId?: string | undefined;
}

export interface WebhookRequest {
  /** The exact bytes the provider sent. Signatures are checked on these, before parsing. */
  rawBody: Uint8Array | string;
  headers: Headers | Record<string, string | undefined>;
  /** The tenant the webhook URL names; an event for another account is refused. */
  tenantId: string;
}

export interface ParsedWebhook {
  /** The provider's event id: the dedupe key with tenant and provider. */
  eventId: string;
  /** The provider's own event type, e.g. `checkout.session.completed`. */
  type: string;
  /** What it means in our vocabulary; empty for types we acknowledge and ignore. */
  events: NormalizedPaymentEvent[];
}

export interface PaymentProvider {
  readonly id: ProviderId;
  readonly mode: ProviderMode;
  /** Starts a payment for one checkout attempt. */
  startPayment(input: StartPaymentInput): Promise<StartPaymentResult>;
  /** Asks the provider for the real state of a session or payment. */
  retrievePayment(query: PaymentStatusQuery): Promise<PaymentStatus>;
  /** Verifies the signature on the raw bytes, then maps the event. Throws `ProviderError`. */
  parseWebhook(request: WebhookRequest): Promise<ParsedWebhook>;
}

export interface RefundInput {
  providerPaymentId: string;
  /** Minor units; at most what is left to refund. */
  amount: number;
  currency: string;
  reason?: 'duplicate' | 'fraudulent' | 'requested_by_customer' | undefined;
  idempotencyKey: string;
  orderId: string;
  tenantId: string;
}

export interface RefundResult {
  providerRefundId: string;
  status: 'pending' | 'succeeded' | 'failed';
  amount: number;
  currency: string;
}

export interface RefundCapability {
  refund(input: RefundInput): Promise<RefundResult>;
}

export interface ExpireCapability {
  /** Ends an open provider session so it can no longer be paid. */
  expireSession(providerSessionId: string): Promise<void>;
}

export interface CustomerCapability {
  getOrCreateCustomer(input: {
    tenantId: string;
    email: string;
    name?: string | undefined;
    /** Ours, stored on the provider's object as metadata (ids only, no personal data). */
    customerRef: string;
    /** When we already know the provider's id for this customer. */
    providerCustomerId?: string | undefined;
  }): Promise<{ providerCustomerId: string }>;
}

export interface BillingPortalCapability {
  createBillingPortalSession(input: {
    providerCustomerId: string;
    returnUrl: string;
  }): Promise<{ url: string }>;
}

export interface SubscriptionCapability {
  cancelSubscription(input: {
    providerSubscriptionId: string;
    atPeriodEnd: boolean;
  }): Promise<void>;
}

/**
 * A provider whose payment form lives on our page (Stripe's Payment Element): what the browser
 * needs to mount it again for a payment already started, read back from the provider.
 */
export interface EmbeddedPaymentCapability {
  resumeEmbeddedPayment(providerPaymentId: string): Promise<{
    clientSecret: string;
    /** Publishable key for the browser SDK; safe to show. */
    publishableKey: string;
    payment: PaymentStatus;
    /** The provider's code for why the last attempt failed (e.g. `card_declined`), if it did. */
    lastErrorCode: string | null;
  }>;
}

function hasMethod(provider: PaymentProvider, name: string): boolean {
  return typeof (provider as unknown as Record<string, unknown>)[name] === 'function';
}

export function canRefund(p: PaymentProvider): p is PaymentProvider & RefundCapability {
  return hasMethod(p, 'refund');
}
export function canExpire(p: PaymentProvider): p is PaymentProvider & ExpireCapability {
  return hasMethod(p, 'expireSession');
}
export function canManageCustomers(p: PaymentProvider): p is PaymentProvider & CustomerCapability {
  return hasMethod(p, 'getOrCreateCustomer');
}
export function canOpenBillingPortal(
  p: PaymentProvider,
): p is PaymentProvider & BillingPortalCapability {
  return hasMethod(p, 'createBillingPortalSession');
}
export function canManageSubscriptions(
  p: PaymentProvider,
): p is PaymentProvider & SubscriptionCapability {
  return hasMethod(p, 'cancelSubscription');
}
export function canEmbedPayment(
  p: PaymentProvider,
): p is PaymentProvider & EmbeddedPaymentCapability {
  return hasMethod(p, 'resumeEmbeddedPayment');
}
