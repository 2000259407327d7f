import {
  type BillingPortalCapability,
  type CustomerCapability,
  type EmbeddedPaymentCapability,
  type ExpireCapability,
  type PaymentProvider,
  type PaymentStatus,
  ProviderError,
  type ProviderMode,
  type RefundCapability,
  type StartPaymentInput,
  type StartPaymentResult,
  type SubscriptionCapability,
} from '@prood/checkout';
import type Stripe from 'stripe';
import { createStripeClient, type StripeRuntimeOptions } from './client';
import type { StripeCredentials } from './credentials';
import { toProviderError } from './errors';
import { idOf } from './events/shared';
import { clampStripeExpiry } from './expiry';
import { parseStripeWebhook } from './webhooks';

export type StripePaymentProvider = PaymentProvider &
  RefundCapability &
  ExpireCapability &
  CustomerCapability &
  EmbeddedPaymentCapability &
  BillingPortalCapability &
  SubscriptionCapability;

const invalid = (message: string) =>
  new ProviderError('invalid_request', message, { provider: 'stripe' });

/** Ids only: Stripe shows metadata to anyone with dashboard access, so no personal data. */
function paymentMetadata(input: StartPaymentInput): Record<string, string> {
  return {
    order_id: input.orderId,
    tenant_id: input.tenantId,
    checkout_session_id: input.checkoutSessionId,
  };
}

function assertAmounts(input: StartPaymentInput): void {
  const total = input.lineItems.reduce((sum, item) => sum + item.unitAmount * item.quantity, 0);
  if (input.lineItems.length === 0 || total !== input.amount) {
    throw invalid(`line items add up to ${total}, but the order amount is ${input.amount}`);
  }
}

// Stripe's enums are open (`OtherString`): an unknown value reads as the cautious one
function sessionStatus(status: string | null): PaymentStatus['status'] {
  return status === 'complete' || status === 'expired' ? status : 'open';
}

function sessionPaymentStatus(status: string): PaymentStatus['paymentStatus'] {
  return status === 'paid' || status === 'no_payment_required' ? status : 'unpaid';
}

function intentPaymentStatus(
  intent: Stripe.PaymentIntent,
): Pick<PaymentStatus, 'status' | 'paymentStatus' | 'processing' | 'requiresAction'> {
  switch (intent.status) {
    case 'succeeded':
      return {
        status: 'complete',
        paymentStatus: 'paid',
        processing: false,
        requiresAction: false,
      };
    case 'processing':
      return {
        status: 'complete',
        paymentStatus: 'unpaid',
        processing: true,
        requiresAction: false,
      };
    case 'canceled':
      return {
        status: 'expired',
        paymentStatus: 'unpaid',
        processing: false,
        requiresAction: false,
      };
    default:
      return {
        status: 'open',
        paymentStatus: 'unpaid',
        processing: false,
        requiresAction: intent.status === 'requires_action',
      };
  }
}

/**
 * The Stripe provider for one tenant, on the official SDK: hosted Checkout Sessions (payment and
 * subscription mode), PaymentIntents for the embedded Payment Element, refunds, customers,
 * billing portal, subscription cancellation, and verified webhooks.
 *
 * @example
 * const stripe = createStripeProvider({ tenantId, mode: 'test', credentials, runtime: {} });
 * const start = await stripe.startPayment(input); // { kind: 'redirect', redirectUrl: 'https://checkout.stripe.com/…' }
 */
export function createStripeProvider(args: {
  tenantId: string;
  mode: ProviderMode;
  credentials: StripeCredentials;
  runtime?: StripeRuntimeOptions | undefined;
}): StripePaymentProvider {
  const { tenantId, mode, credentials } = args;
  const runtime = args.runtime ?? {};
  const stripe = createStripeClient(credentials, runtime);
  const now = () => runtime.now?.() ?? new Date();

  async function call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toProviderError(error, operation);
    }
  }

  /** A Stripe object whose metadata names another tenant is treated as not ours. */
  function assertOwned(metadata: Stripe.Metadata | null | undefined, what: string): void {
    const owner = metadata?.tenant_id;
    if (owner !== undefined && owner !== tenantId) {
      throw new ProviderError('not_found', `no such ${what} for this tenant`, {
        provider: 'stripe',
      });
    }
  }

  async function retrieveIntent(id: string): Promise<Stripe.PaymentIntent> {
    const intent = await call('payment intent retrieve', () => stripe.paymentIntents.retrieve(id));
    assertOwned(intent.metadata, 'payment');
    return intent;
  }

  function intentStatus(intent: Stripe.PaymentIntent): PaymentStatus {
    return {
      providerPaymentId: intent.id,
      ...intentPaymentStatus(intent),
      amount: intent.amount,
      currency: intent.currency.toUpperCase(),
      orderId: intent.metadata.order_id,
      checkoutSessionId: intent.metadata.checkout_session_id,
      providerCustomerId: idOf(intent.customer),
    };
  }

  async function startHosted(input: StartPaymentInput): Promise<StartPaymentResult> {
    const metadata = paymentMetadata(input);
    const currency = input.currency.toLowerCase();
    const params: Stripe.Checkout.SessionCreateParams = {
      mode: input.mode,
      line_items: input.lineItems.map((item) => ({
        quantity: item.quantity,
        price_data: {
          currency,
          unit_amount: item.unitAmount,
          product_data: { name: item.name },
          ...(input.mode === 'subscription' && item.recurring
            ? {
                recurring: {
                  interval: item.recurring.interval,
                  interval_count: item.recurring.intervalCount,
                },
              }
            : {}),
        },
      })),
      client_reference_id: input.orderId,
      metadata,
      expires_at: clampStripeExpiry(input.expiresAt, now()),
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
      ...(input.allowPromotionCodes ? { allow_promotion_codes: true } : {}),
      ...(input.customer?.providerCustomerId
        ? { customer: input.customer.providerCustomerId }
        : input.customer?.email
          ? { customer_email: input.customer.email }
          : {}),
      // copied onto the intent / subscription so their own webhooks carry our ids too
      ...(input.mode === 'payment'
        ? { payment_intent_data: { metadata } }
        : { subscription_data: { metadata } }),
    };
    const session = await call('checkout session create', () =>
      stripe.checkout.sessions.create(params, {
        idempotencyKey: `checkout:${input.orderId}:${input.attempt}`,
      }),
    );
    if (!session.url) throw invalid('Stripe returned a checkout session without a URL');
    return {
      kind: 'redirect',
      providerSessionId: session.id,
      redirectUrl: session.url,
      expiresAt: new Date(session.expires_at * 1000),
    };
  }

  async function startEmbedded(input: StartPaymentInput): Promise<StartPaymentResult> {
    if (input.mode !== 'payment') {
      throw invalid('subscriptions use the hosted flow; the embedded flow takes one-off payments');
    }
    const intent = await call('payment intent create', () =>
      stripe.paymentIntents.create(
        {
          amount: input.amount,
          currency: input.currency.toLowerCase(),
          automatic_payment_methods: { enabled: true },
          metadata: paymentMetadata(input),
          ...(input.customer?.providerCustomerId
            ? { customer: input.customer.providerCustomerId }
            : {}),
        },
        { idempotencyKey: `checkout:${input.orderId}:${input.attempt}` },
      ),
    );
    if (!intent.client_secret) throw invalid('Stripe returned an intent without a client secret');
    return {
      kind: 'client_secret',
      providerPaymentId: intent.id,
      clientSecret: intent.client_secret,
      publishableKey: credentials.publishableKey,
    };
  }

  return {
    id: 'stripe',
    mode,

    async startPayment(input) {
      if (input.tenantId !== tenantId) throw invalid('payment started for another tenant');
      assertAmounts(input);
      return input.flow === 'embedded' ? startEmbedded(input) : startHosted(input);
    },

    async retrievePayment(query) {
      // the embedded flow's attempt is a PaymentIntent: its id is what the attempt records
      const intentId = query.providerSessionId?.startsWith('pi_')
        ? query.providerSessionId
        : query.providerPaymentId;
      if (query.providerSessionId && !query.providerSessionId.startsWith('pi_')) {
        const id = query.providerSessionId;
        const session = await call('checkout session retrieve', () =>
          stripe.checkout.sessions.retrieve(id, { expand: ['payment_intent'] }),
        );
        assertOwned(session.metadata, 'checkout session');
        const intent =
          typeof session.payment_intent === 'object' ? session.payment_intent : undefined;
        return {
          providerSessionId: session.id,
          providerPaymentId: idOf(session.payment_intent),
          status: sessionStatus(session.status),
          paymentStatus: sessionPaymentStatus(session.payment_status),
          processing: session.status === 'complete' && session.payment_status === 'unpaid',
          requiresAction: intent?.status === 'requires_action',
          amount: session.amount_total ?? 0,
          currency: (session.currency ?? '').toUpperCase(),
          orderId: session.metadata?.order_id ?? session.client_reference_id ?? undefined,
          checkoutSessionId: session.metadata?.checkout_session_id,
          providerCustomerId: idOf(session.customer),
          providerSubscriptionId: idOf(session.subscription),
        };
      }
      if (intentId) return intentStatus(await retrieveIntent(intentId));
      throw invalid('give a providerSessionId or providerPaymentId');
    },

    async resumeEmbeddedPayment(providerPaymentId) {
      const intent = await retrieveIntent(providerPaymentId);
      if (!intent.client_secret) throw invalid('Stripe returned an intent without a client secret');
      return {
        clientSecret: intent.client_secret,
        publishableKey: credentials.publishableKey,
        payment: intentStatus(intent),
        lastErrorCode:
          intent.last_payment_error?.decline_code ?? intent.last_payment_error?.code ?? null,
      };
    },

    async parseWebhook(request) {
      return parseStripeWebhook(request, {
        tenantId,
        mode,
        webhookSecret: credentials.webhookSecret,
        accountId: credentials.accountId,
        now: now(),
      });
    },

    async expireSession(providerSessionId) {
      await call('checkout session expire', () =>
        stripe.checkout.sessions.expire(providerSessionId),
      );
    },

    async refund(input) {
      const refund = await call('refund create', () =>
        stripe.refunds.create(
          {
            payment_intent: input.providerPaymentId,
            amount: input.amount,
            ...(input.reason ? { reason: input.reason } : {}),
            metadata: { order_id: input.orderId, tenant_id: input.tenantId },
          },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
      const status =
        refund.status === 'succeeded'
          ? 'succeeded'
          : refund.status === 'failed' || refund.status === 'canceled'
            ? 'failed'
            : 'pending';
      return {
        providerRefundId: refund.id,
        status,
        amount: refund.amount,
        currency: refund.currency.toUpperCase(),
      };
    },

    async getOrCreateCustomer(input) {
      if (input.providerCustomerId) return { providerCustomerId: input.providerCustomerId };
      const ref = input.customerRef.replace(/['\\]/g, '');
      const found = await call('customer search', () =>
        stripe.customers.search({
          query: `metadata['customer_ref']:'${ref}' AND metadata['tenant_id']:'${tenantId}'`,
          limit: 1,
        }),
      );
      const existing = found.data[0];
      if (existing) return { providerCustomerId: existing.id };
      // search is eventually consistent; the idempotency key covers a create repeated right away
      const created = await call('customer create', () =>
        stripe.customers.create(
          {
            email: input.email,
            ...(input.name ? { name: input.name } : {}),
            metadata: { customer_ref: input.customerRef, tenant_id: tenantId },
          },
          { idempotencyKey: `customer:${tenantId}:${input.customerRef}` },
        ),
      );
      return { providerCustomerId: created.id };
    },

    async createBillingPortalSession(input) {
      const session = await call('billing portal session create', () =>
        stripe.billingPortal.sessions.create({
          customer: input.providerCustomerId,
          return_url: input.returnUrl,
        }),
      );
      return { url: session.url };
    },

    async cancelSubscription(input) {
      if (input.atPeriodEnd) {
        await call('subscription update', () =>
          stripe.subscriptions.update(input.providerSubscriptionId, { cancel_at_period_end: true }),
        );
        return;
      }
      await call('subscription cancel', () =>
        stripe.subscriptions.cancel(input.providerSubscriptionId),
      );
    },
  };
}
