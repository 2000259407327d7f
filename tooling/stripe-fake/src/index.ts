import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { stripeId } from './ids';
import type { StripeObject } from './objects';
import * as objects from './objects';
import {
  createFakeCore,
  type FakeState,
  type InjectedFailure,
  listen,
  type RecordedRequest,
} from './server';

export { FakeStripeError } from './params';
export type { FakeState, InjectedFailure, RecordedRequest, StripeObject };

/** The API version the fake stamps on events (the installed SDK's pinned version). */
export const FAKE_EVENT_API_VERSION = Stripe.API_VERSION;

export interface StripeEventObject {
  id: string;
  object: 'event';
  account?: string;
  api_version: string | null;
  created: number;
  data: { object: StripeObject; previous_attributes?: Record<string, unknown> };
  livemode: boolean;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

export interface StripeFake {
  /** For the SDK: `new Stripe(key, { host, port, protocol })`. */
  host: string;
  port: number;
  protocol: 'http';
  url: string;
  state: FakeState;
  close(): Promise<void>;
  /**
   * Plays the shopper paying on Stripe's page. `paid`: card, settled; `async`: a delayed method,
   * the session completes unpaid until `settleAsyncPayment`. Returns the session and the
   * `checkout.session.completed` event Stripe would send.
   */
  completeCheckoutSession(
    id: string,
    options?: { outcome?: 'paid' | 'async' },
  ): { session: StripeObject; event: StripeEventObject };
  /** Settles an async payment: `checkout.session.async_payment_succeeded` / `_failed`. */
  settleAsyncPayment(
    id: string,
    outcome: 'succeeded' | 'failed',
  ): { session: StripeObject; event: StripeEventObject };
  /** Sets a PaymentIntent's status (e.g. `requires_action`, `processing`, `succeeded`). */
  setPaymentIntentStatus(id: string, status: string): StripeObject;
  /** Makes the next matching request(s) fail with this status and error body. */
  injectFailure(failure: InjectedFailure): void;
  /** An event envelope shaped like Stripe's around `object`. */
  createEvent(
    type: string,
    object: StripeObject,
    options?: {
      livemode?: boolean;
      account?: string;
      previousAttributes?: Record<string, unknown>;
      created?: number;
    },
  ): StripeEventObject;
}

/**
 * Signs a webhook body the way Stripe does, with the real SDK's test helper: returns the body
 * and its `Stripe-Signature` header. `timestamp` (Unix seconds) makes stale signatures.
 *
 * @example
 * const { payload, header } = signStripeEvent(event, 'whsec_…');
 */
export function signStripeEvent(
  event: StripeEventObject | string,
  secret: string,
  options: { timestamp?: number } = {},
): { payload: string; header: string } {
  const payload = typeof event === 'string' ? event : JSON.stringify(event, null, 2);
  const header = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    ...(options.timestamp !== undefined ? { timestamp: options.timestamp } : {}),
  });
  return { payload, header };
}

/**
 * Starts the Stripe API fake on a free local port: Stripe's `/v1` wire format (form-encoded
 * params, Stripe-shaped objects and errors, idempotency keys), strict about parameters so a
 * wrong call fails the test.
 *
 * @example
 * const fake = await startStripeFake();
 * const stripe = new Stripe('sk_test_123', { host: fake.host, port: fake.port, protocol: fake.protocol });
 */
export async function startStripeFake(
  options: {
    now?: () => number;
    apiKeys?: string[];
    port?: number;
    reachableHosts?: string[];
  } = {},
): Promise<StripeFake> {
  const { port: wanted, ...coreOptions } = options;
  const core = createFakeCore(coreOptions);
  // a fixed port when a platform started elsewhere is pointed at the fake (the e2e run)
  const { server, port } = await listen(core, wanted ?? 0);
  const { state } = core;

  const createEvent: StripeFake['createEvent'] = (type, object, eventOptions = {}) => ({
    id: stripeId('evt'),
    object: 'event',
    ...(eventOptions.account ? { account: eventOptions.account } : {}),
    api_version: FAKE_EVENT_API_VERSION,
    created: eventOptions.created ?? core.now(),
    data: {
      object: structuredClone(object),
      ...(eventOptions.previousAttributes
        ? { previous_attributes: eventOptions.previousAttributes }
        : {}),
    },
    livemode: eventOptions.livemode ?? Boolean(object.livemode),
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  });

  function chargeIntent(intent: StripeObject): void {
    const id = stripeId('ch');
    state.charges.set(
      id,
      objects.charge({
        id,
        created: core.now(),
        livemode: Boolean(intent.livemode),
        amount: intent.amount as number,
        currency: intent.currency as string,
        paymentIntent: intent.id,
        metadata: intent.metadata as Record<string, string>,
        customer: intent.customer as string | null,
      }),
    );
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.latest_charge = id;
  }

  return {
    host: '127.0.0.1',
    port,
    protocol: 'http',
    url: `http://127.0.0.1:${port}`,
    state,
    injectFailure: core.injectFailure,
    createEvent,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),

    setPaymentIntentStatus(id, status) {
      const intent = state.paymentIntents.get(id);
      if (!intent) throw new Error(`fake: no payment intent ${id}`);
      if (status === 'succeeded') chargeIntent(intent);
      else intent.status = status;
      intent.next_action =
        status === 'requires_action'
          ? { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect' } }
          : null;
      return structuredClone(intent);
    },

    completeCheckoutSession(id, completeOptions = {}) {
      const session = state.checkoutSessions.get(id);
      const params = core.sessionParams.get(id);
      if (!session || !params) throw new Error(`fake: no checkout session ${id}`);
      if (session.status !== 'open')
        throw new Error(`fake: session ${id} is ${String(session.status)}`);
      const livemode = Boolean(session.livemode);
      const created = core.now();
      session.status = 'complete';
      session.customer_details = {
        address: null,
        email: session.customer_email ?? 'shopper@example.com',
        name: null,
        phone: null,
        tax_exempt: 'none',
        tax_ids: [],
      };
      if (session.mode === 'subscription') {
        let customerId = session.customer as string | null;
        if (!customerId) {
          customerId = stripeId('cus', 14);
          state.customers.set(
            customerId,
            objects.customer({
              id: customerId,
              created,
              livemode,
              params: { email: session.customer_email },
            }),
          );
          session.customer = customerId;
        }
        const lineItems = (params.line_items ?? []) as objects.LineItemInput[];
        const recurring = lineItems.find((item) => item.price_data?.recurring)?.price_data
          ?.recurring;
        const subscriptionId = stripeId('sub');
        const days =
          { day: 1, week: 7, month: 30, year: 365 }[recurring?.interval ?? 'month'] ?? 30;
        state.subscriptions.set(
          subscriptionId,
          objects.subscription({
            id: subscriptionId,
            created,
            livemode,
            customer: customerId,
            currency: session.currency as string,
            metadata:
              (params.subscription_data as { metadata?: Record<string, string> } | undefined)
                ?.metadata ?? {},
            items: lineItems.map((item) => ({
              id: stripeId('si', 14),
              priceId: stripeId('price'),
              product: stripeId('prod', 14),
              unitAmount: item.price_data?.unit_amount ?? 0,
              quantity: item.quantity ?? 1,
              interval: item.price_data?.recurring?.interval ?? 'month',
              intervalCount: item.price_data?.recurring?.interval_count ?? 1,
            })),
            periodEnd: created + days * (recurring?.interval_count ?? 1) * 86_400,
          }),
        );
        session.subscription = subscriptionId;
        session.payment_status = 'paid';
      } else {
        const intentId = stripeId('pi');
        const intent = objects.paymentIntent({
          id: intentId,
          created,
          livemode,
          amount: session.amount_total as number,
          currency: session.currency as string,
          metadata:
            (params.payment_intent_data as { metadata?: Record<string, string> } | undefined)
              ?.metadata ?? {},
          customer: session.customer as string | null,
          status: 'processing',
          secret: randomBytes(12).toString('hex'),
        });
        state.paymentIntents.set(intentId, intent);
        session.payment_intent = intentId;
        if (completeOptions.outcome === 'async') {
          session.payment_status = 'unpaid';
        } else {
          chargeIntent(intent);
          session.payment_status = 'paid';
        }
      }
      return {
        session: structuredClone(session),
        event: createEvent('checkout.session.completed', session),
      };
    },

    settleAsyncPayment(id, outcome) {
      const session = state.checkoutSessions.get(id);
      const intent = session
        ? state.paymentIntents.get(session.payment_intent as string)
        : undefined;
      if (!session || !intent) throw new Error(`fake: no async payment on session ${id}`);
      if (outcome === 'succeeded') {
        chargeIntent(intent);
        session.payment_status = 'paid';
      } else {
        intent.status = 'requires_payment_method';
        intent.last_payment_error = {
          type: 'invalid_request_error',
          code: 'payment_method_provider_decline',
          message: 'The payment was declined by the bank.',
        };
      }
      return {
        session: structuredClone(session),
        event: createEvent(`checkout.session.async_payment_${outcome}`, session),
      };
    },
  };
}

/** Records of the requests matching `method path`, for assertions on what the SDK sent. */
export function requestsTo(
  state: FakeState,
  method: string,
  path: string | RegExp,
): RecordedRequest[] {
  return state.requests.filter(
    (request) =>
      request.method === method &&
      (typeof path === 'string' ? request.path === path : path.test(request.path)),
  );
}
