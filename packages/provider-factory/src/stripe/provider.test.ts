import { randomBytes } from 'node:crypto';
import { isProviderError, type ProviderErrorCode, type StartPaymentInput } from '@prood/checkout';
import { requestsTo, type StripeFake } from '@prood/stripe-fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRIPE_API_VERSION } from './api-version';
import { clampStripeExpiry } from './expiry';
import { createStripeProvider, type StripePaymentProvider } from './provider';
import { providerErrorCode, startStripeUnderTest } from './testing';
import { registerStripeWebhookEndpoint } from './webhook-endpoint';

const tenantId = 'org_stripeTenant000000001';
let fake: StripeFake;
let stripe: StripePaymentProvider;
let credentials: Awaited<ReturnType<typeof startStripeUnderTest>>['credentials'];
beforeAll(async () => {
  ({ fake, stripe, credentials } = await startStripeUnderTest(tenantId));
});
afterAll(() => fake.close());

const errorCode = (promise: Promise<unknown>) =>
  providerErrorCode(promise, [credentials.secretKey, credentials.webhookSecret]);

function input(overrides: Partial<StartPaymentInput> = {}): StartPaymentInput {
  return {
    tenantId,
    checkoutSessionId: 'cs_ours00000000000000001',
    orderId: `ord_${randomBytes(8).toString('hex')}`,
    attempt: 1,
    amount: 5880,
    currency: 'EUR',
    mode: 'payment',
    lineItems: [
      { name: 'House Blend, 1 kg', unitAmount: 2490, quantity: 2 },
      { name: 'Brewing Guide (PDF)', unitAmount: 900, quantity: 1 },
    ],
    successUrl: 'http://localhost:3004/c/cs_ours00000000000000001/success',
    cancelUrl: 'http://localhost:3004/c/cs_ours00000000000000001',
    expiresAt: new Date(Date.now() + 2 * 3600_000),
    ...overrides,
  };
}

const lastRequest = (method: string, path: string | RegExp) =>
  requestsTo(fake.state, method, path).at(-1);

describe('Stripe provider against the Stripe fake (real SDK)', () => {
  it('creates a hosted Checkout Session with server amounts, ids-only metadata and an idempotency key', async () => {
    const order = input({ allowPromotionCodes: true, customer: { email: 'ada@example.com' } });
    const start = await stripe.startPayment(order);
    expect(start.kind).toBe('redirect');
    if (start.kind !== 'redirect') return;
    expect(start.providerSessionId).toMatch(/^cs_test_/);
    expect(start.redirectUrl).toBe(`https://checkout.stripe.com/c/pay/${start.providerSessionId}`);
    const request = lastRequest('POST', '/v1/checkout/sessions');
    expect(request?.idempotencyKey).toBe(`checkout:${order.orderId}:1`);
    expect(request?.stripeVersion).toBe(STRIPE_API_VERSION);
    const metadata = {
      order_id: order.orderId,
      tenant_id: tenantId,
      checkout_session_id: order.checkoutSessionId,
    };
    expect(request?.params).toMatchObject({
      mode: 'payment',
      client_reference_id: order.orderId,
      metadata,
      payment_intent_data: { metadata },
      allow_promotion_codes: 'true',
      customer_email: 'ada@example.com',
      success_url: order.successUrl,
      cancel_url: order.cancelUrl,
      line_items: [
        {
          quantity: '2',
          price_data: {
            currency: 'eur',
            unit_amount: '2490',
            product_data: { name: 'House Blend, 1 kg' },
          },
        },
        {
          quantity: '1',
          price_data: {
            currency: 'eur',
            unit_amount: '900',
            product_data: { name: 'Brewing Guide (PDF)' },
          },
        },
      ],
    });
    expect(Number(request?.params.expires_at)).toBe(Math.floor(order.expiresAt.getTime() / 1000));
    const session = fake.state.checkoutSessions.get(start.providerSessionId);
    expect(session).toMatchObject({ amount_total: 5880, currency: 'eur', livemode: false });

    // the same order and attempt again: Stripe replays the same session
    const again = await stripe.startPayment(order);
    expect(again).toMatchObject({ providerSessionId: start.providerSessionId });
    expect(fake.state.checkoutSessions.size).toBe(1);
  });

  it('clamps our expiry into Stripe’s 30 minutes to 24 hours', async () => {
    const now = new Date('2030-05-01T12:00:00Z');
    expect(clampStripeExpiry(new Date(now.getTime() + 5 * 60_000), now)).toBe(
      now.getTime() / 1000 + 31 * 60,
    );
    expect(clampStripeExpiry(new Date(now.getTime() + 48 * 3600_000), now)).toBe(
      now.getTime() / 1000 + 24 * 3600 - 60,
    );
    expect(clampStripeExpiry(new Date(now.getTime() + 2 * 3600_000), now)).toBe(
      now.getTime() / 1000 + 2 * 3600,
    );
    // the fake enforces Stripe's window, so clamped values are accepted end to end
    const soon = await stripe.startPayment(input({ expiresAt: new Date(Date.now() + 60_000) }));
    const late = await stripe.startPayment(
      input({ expiresAt: new Date(Date.now() + 72 * 3600_000) }),
    );
    expect(soon.kind).toBe('redirect');
    expect(late.kind).toBe('redirect');
  });

  it('refuses line items that do not add up to the order amount', async () => {
    expect(await errorCode(stripe.startPayment(input({ amount: 1 })))).toBe('invalid_request');
  });

  it('creates subscription-mode sessions with recurring prices and subscription metadata', async () => {
    const order = input({
      mode: 'subscription',
      amount: 900,
      lineItems: [
        {
          name: 'Coffee club',
          unitAmount: 900,
          quantity: 1,
          recurring: { interval: 'month', intervalCount: 1 },
        },
      ],
    });
    const start = await stripe.startPayment(order);
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    const request = lastRequest('POST', '/v1/checkout/sessions');
    expect(request?.params).toMatchObject({
      mode: 'subscription',
      subscription_data: { metadata: { order_id: order.orderId, tenant_id: tenantId } },
      line_items: [{ price_data: { recurring: { interval: 'month', interval_count: '1' } } }],
    });
    expect(request?.params.payment_intent_data).toBeUndefined();
    fake.completeCheckoutSession(start.providerSessionId);
    const status = await stripe.retrievePayment({ providerSessionId: start.providerSessionId });
    expect(status).toMatchObject({
      status: 'complete',
      paymentStatus: 'paid',
      providerSubscriptionId: expect.stringMatching(/^sub_/),
      providerCustomerId: expect.stringMatching(/^cus_/),
    });
    if (!status.providerSubscriptionId) throw new Error('expected a subscription');
    await stripe.cancelSubscription({
      providerSubscriptionId: status.providerSubscriptionId,
      atPeriodEnd: true,
    });
    expect(
      lastRequest('POST', `/v1/subscriptions/${status.providerSubscriptionId}`)?.params,
    ).toEqual({
      cancel_at_period_end: 'true',
    });
    await stripe.cancelSubscription({
      providerSubscriptionId: status.providerSubscriptionId,
      atPeriodEnd: false,
    });
    expect(
      lastRequest('DELETE', `/v1/subscriptions/${status.providerSubscriptionId}`)?.status,
    ).toBe(200);
    expect(fake.state.subscriptions.get(status.providerSubscriptionId)?.status).toBe('canceled');
  });

  it('starts the embedded flow with a PaymentIntent client secret', async () => {
    const order = input();
    const start = await stripe.startPayment({ ...order, flow: 'embedded' });
    expect(start).toMatchObject({
      kind: 'client_secret',
      providerPaymentId: expect.stringMatching(/^pi_/),
      clientSecret: expect.stringMatching(/^pi_.+_secret_/),
      publishableKey: credentials.publishableKey,
    });
    const request = lastRequest('POST', '/v1/payment_intents');
    expect(request?.params).toEqual({
      amount: '5880',
      currency: 'eur',
      automatic_payment_methods: { enabled: 'true' },
      metadata: {
        order_id: order.orderId,
        tenant_id: tenantId,
        checkout_session_id: order.checkoutSessionId,
      },
    });
    expect(request?.idempotencyKey).toBe(`checkout:${order.orderId}:1`);
    if (start.kind !== 'client_secret') return;
    fake.setPaymentIntentStatus(start.providerPaymentId, 'requires_action');
    expect(
      await stripe.retrievePayment({ providerPaymentId: start.providerPaymentId }),
    ).toMatchObject({
      status: 'open',
      requiresAction: true,
      orderId: order.orderId,
    });
    fake.setPaymentIntentStatus(start.providerPaymentId, 'processing');
    expect(
      await stripe.retrievePayment({ providerPaymentId: start.providerPaymentId }),
    ).toMatchObject({
      processing: true,
      paymentStatus: 'unpaid',
    });
    fake.setPaymentIntentStatus(start.providerPaymentId, 'succeeded');
    expect(
      await stripe.retrievePayment({ providerPaymentId: start.providerPaymentId }),
    ).toMatchObject({
      status: 'complete',
      paymentStatus: 'paid',
      amount: 5880,
      currency: 'EUR',
    });
    expect(
      await errorCode(
        stripe.startPayment({ ...input({ mode: 'subscription' }), flow: 'embedded' }),
      ),
    ).toBe('invalid_request');
  });

  it('resumes an embedded payment from its PaymentIntent: the same client secret, the tenant’s publishable key', async () => {
    const order = input();
    const start = await stripe.startPayment({ ...order, flow: 'embedded' });
    if (start.kind !== 'client_secret') throw new Error('expected the embedded flow');
    const resumed = await stripe.resumeEmbeddedPayment(start.providerPaymentId);
    expect(resumed).toMatchObject({
      clientSecret: start.clientSecret,
      publishableKey: credentials.publishableKey,
      payment: { status: 'open', paymentStatus: 'unpaid', orderId: order.orderId },
      lastErrorCode: null,
    });
    expect(fake.state.paymentIntents.get(start.providerPaymentId)?.client_secret).toBe(
      resumed.clientSecret,
    );
    // the attempt records the intent's id; reconciliation asks with it as the "session"
    fake.setPaymentIntentStatus(start.providerPaymentId, 'succeeded');
    expect(
      await stripe.retrievePayment({ providerSessionId: start.providerPaymentId }),
    ).toMatchObject({ providerPaymentId: start.providerPaymentId, paymentStatus: 'paid' });
    // another tenant's intent is not ours to resume
    const other = fake.state.paymentIntents.get(start.providerPaymentId);
    if (other) other.metadata = { ...(other.metadata as object), tenant_id: 'org_someoneElse' };
    expect(await errorCode(stripe.resumeEmbeddedPayment(start.providerPaymentId))).toBe(
      'not_found',
    );
  });

  it('retrieves sessions with their PaymentIntent expanded: paid, and async still processing', async () => {
    const paid = await stripe.startPayment(input());
    const slow = await stripe.startPayment(input());
    if (paid.kind !== 'redirect' || slow.kind !== 'redirect') throw new Error('expected redirects');
    expect(
      await stripe.retrievePayment({ providerSessionId: paid.providerSessionId }),
    ).toMatchObject({
      status: 'open',
      paymentStatus: 'unpaid',
      processing: false,
    });
    fake.completeCheckoutSession(paid.providerSessionId, { outcome: 'paid' });
    fake.completeCheckoutSession(slow.providerSessionId, { outcome: 'async' });
    expect(lastRequest('GET', `/v1/checkout/sessions/${paid.providerSessionId}`)?.params).toEqual({
      expand: ['payment_intent'],
    });
    expect(
      await stripe.retrievePayment({ providerSessionId: paid.providerSessionId }),
    ).toMatchObject({
      status: 'complete',
      paymentStatus: 'paid',
      providerPaymentId: expect.stringMatching(/^pi_/),
      amount: 5880,
      currency: 'EUR',
    });
    expect(
      await stripe.retrievePayment({ providerSessionId: slow.providerSessionId }),
    ).toMatchObject({
      status: 'complete',
      paymentStatus: 'unpaid',
      processing: true,
    });
    expect(await errorCode(stripe.retrievePayment({ providerSessionId: 'cs_test_missing' }))).toBe(
      'not_found',
    );
  });

  it('expires an open session; expiring it again is an invalid request', async () => {
    const start = await stripe.startPayment(input());
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    await stripe.expireSession(start.providerSessionId);
    expect(fake.state.checkoutSessions.get(start.providerSessionId)?.status).toBe('expired');
    expect(await errorCode(stripe.expireSession(start.providerSessionId))).toBe('invalid_request');
  });

  it('refunds fully and partly with the caller’s idempotency key', async () => {
    const order = input();
    const start = await stripe.startPayment(order);
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    const { session } = fake.completeCheckoutSession(start.providerSessionId);
    const paymentIntent = session.payment_intent as string;
    const refund = (amount: number, key: string) =>
      stripe.refund({
        providerPaymentId: paymentIntent,
        amount,
        currency: 'EUR',
        idempotencyKey: key,
        orderId: order.orderId,
        tenantId,
        reason: 'requested_by_customer',
      });
    const partial = await refund(880, `refund:${order.orderId}:1`);
    expect(partial).toMatchObject({
      providerRefundId: expect.stringMatching(/^re_/),
      status: 'succeeded',
      amount: 880,
      currency: 'EUR',
    });
    expect(lastRequest('POST', '/v1/refunds')).toMatchObject({
      idempotencyKey: `refund:${order.orderId}:1`,
      params: {
        payment_intent: paymentIntent,
        amount: '880',
        reason: 'requested_by_customer',
        metadata: { order_id: order.orderId, tenant_id: tenantId },
      },
    });
    expect(await refund(880, `refund:${order.orderId}:1`)).toEqual(partial);
    expect(await errorCode(refund(999, `refund:${order.orderId}:1`))).toBe('invalid_request');
    expect(await errorCode(refund(9999, `refund:${order.orderId}:2`))).toBe('invalid_request');
    expect((await refund(5000, `refund:${order.orderId}:3`)).amount).toBe(5000);
    const charge = [...fake.state.charges.values()].find(
      (each) => each.payment_intent === paymentIntent,
    );
    expect(charge).toMatchObject({ amount_refunded: 5880, refunded: true });
  });

  it('gets or creates the customer by our reference, and opens a billing portal', async () => {
    const first = await stripe.getOrCreateCustomer({
      tenantId,
      email: 'ada@example.com',
      name: 'Ada',
      customerRef: 'cust_ada001',
    });
    expect(first.providerCustomerId).toMatch(/^cus_/);
    expect(lastRequest('POST', '/v1/customers')).toMatchObject({
      idempotencyKey: `customer:${tenantId}:cust_ada001`,
      params: {
        email: 'ada@example.com',
        metadata: { customer_ref: 'cust_ada001', tenant_id: tenantId },
      },
    });
    const second = await stripe.getOrCreateCustomer({
      tenantId,
      email: 'ada@example.com',
      customerRef: 'cust_ada001',
    });
    expect(second).toEqual(first);
    expect(requestsTo(fake.state, 'POST', '/v1/customers')).toHaveLength(1);
    const portal = await stripe.createBillingPortalSession({
      providerCustomerId: first.providerCustomerId,
      returnUrl: 'http://localhost:3000/account',
    });
    expect(portal.url).toMatch(/^https:\/\/billing\.stripe\.com\//);
    expect(
      await errorCode(
        stripe.createBillingPortalSession({
          providerCustomerId: 'cus_missing',
          returnUrl: 'http://x',
        }),
      ),
    ).toBe('not_found');
  });

  it('maps SDK failures onto ProviderError codes', async () => {
    const cases: Array<[number, Record<string, string>, ProviderErrorCode, boolean]> = [
      [500, { type: 'api_error', message: 'boom' }, 'provider_unavailable', true],
      [
        429,
        { type: 'invalid_request_error', code: 'rate_limit', message: 'slow down' },
        'rate_limited',
        true,
      ],
      [
        402,
        {
          type: 'card_error',
          code: 'card_declined',
          decline_code: 'generic_decline',
          message: 'Your card was declined.',
        },
        'payment_declined',
        false,
      ],
      [
        401,
        {
          type: 'invalid_request_error',
          message: `Invalid API Key provided: ${credentials.secretKey}`,
        },
        'invalid_credentials',
        false,
      ],
    ];
    for (const [status, error, code, retryable] of cases) {
      fake.injectFailure({ status, error: error as never, pathPrefix: '/v1/payment_intents' });
      const failure = await stripe
        .startPayment({ ...input(), flow: 'embedded' })
        .catch((caught: unknown) => caught);
      expect(isProviderError(failure) && [failure.code, failure.retryable]).toEqual([
        code,
        retryable,
      ]);
      if (isProviderError(failure)) expect(failure.message).not.toContain(credentials.secretKey);
    }
    const offline = createStripeProvider({
      tenantId,
      mode: 'test',
      credentials,
      runtime: { host: '127.0.0.1', port: 1, protocol: 'http', maxNetworkRetries: 0 },
    });
    const failure = await offline
      .retrievePayment({ providerPaymentId: 'pi_x' })
      .catch((caught: unknown) => caught);
    expect(isProviderError(failure) && [failure.code, failure.retryable]).toEqual([
      'provider_unavailable',
      true,
    ]);
  });

  it('registers the tenant’s webhook endpoint for exactly the mapped events', async () => {
    const registered = await registerStripeWebhookEndpoint(
      credentials,
      { url: `https://checkout.example/api/webhooks/stripe/${tenantId}`, tenantId },
      { host: fake.host, port: fake.port, protocol: fake.protocol, maxNetworkRetries: 0 },
    );
    expect(registered.webhookSecret).toMatch(/^whsec_/);
    const request = lastRequest('POST', '/v1/webhook_endpoints');
    expect(request?.params.enabled_events).toContain('checkout.session.completed');
    expect(request?.params.enabled_events).toHaveLength(11);
  });
});
