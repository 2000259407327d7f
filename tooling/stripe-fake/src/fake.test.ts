import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestsTo, type StripeFake, signStripeEvent, startStripeFake } from './index';

let fake: StripeFake;
let stripe: Stripe;
beforeAll(async () => {
  fake = await startStripeFake();
  stripe = new Stripe('sk_test_fake0123456789', {
    host: fake.host,
    port: fake.port,
    protocol: fake.protocol,
    maxNetworkRetries: 0,
  });
});
afterAll(() => fake.close());

const sessionParams = (): Stripe.Checkout.SessionCreateParams => ({
  mode: 'payment',
  line_items: [
    {
      quantity: 2,
      price_data: { currency: 'eur', unit_amount: 1250, product_data: { name: 'Mug' } },
    },
  ],
  success_url: 'https://shop.example/ok',
  metadata: { order_id: 'ord_1' },
});

/** The real SDK against a running fake, with one key. */
const clientOf = (running: StripeFake, key: string) =>
  new Stripe(key, {
    host: running.host,
    port: running.port,
    protocol: running.protocol,
    maxNetworkRetries: 0,
  });

async function stripeError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Error)) throw new Error('expected the SDK call to fail');
  return error as Error & {
    type: string;
    code?: string;
    param?: string;
    statusCode?: number;
    rawType?: string;
  };
}

describe('Stripe fake', () => {
  it('answers the SDK with Stripe-shaped objects', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_total: 2500,
      currency: 'eur',
      livemode: false,
      metadata: { order_id: 'ord_1' },
    });
    expect(session.id).toMatch(/^cs_test_[0-9A-Za-z]{58}$/);
    expect(session.url).toContain(session.id);
    const again = await stripe.checkout.sessions.retrieve(session.id);
    expect(again.id).toBe(session.id);
  });

  it('rejects unknown and malformed parameters like Stripe, so a wrong call fails', async () => {
    const unknown = await stripeError(
      stripe.checkout.sessions.create({
        ...sessionParams(),
        colour: 'blue',
      } as Stripe.Checkout.SessionCreateParams),
    );
    expect(unknown).toMatchObject({
      type: 'StripeInvalidRequestError',
      code: 'parameter_unknown',
      param: 'colour',
      statusCode: 400,
    });
    const nested = await stripeError(
      stripe.checkout.sessions.create({
        ...sessionParams(),
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: 'eur',
              unit_amount: 1,
              product_data: { name: 'x' },
              colour: 'red',
            } as never,
          },
        ],
      }),
    );
    expect(nested).toMatchObject({
      code: 'parameter_unknown',
      param: 'line_items[0][price_data][colour]',
    });
    const missing = await stripeError(
      stripe.paymentIntents.create({ currency: 'eur' } as Stripe.PaymentIntentCreateParams),
    );
    expect(missing).toMatchObject({ code: 'parameter_missing', param: 'amount' });
    const notInt = await stripeError(
      stripe.paymentIntents.create({ amount: 'ten' as never, currency: 'eur' }),
    );
    expect(notInt).toMatchObject({ code: 'parameter_invalid_integer', param: 'amount' });
    const tooSoon = await stripeError(
      stripe.checkout.sessions.create({
        ...sessionParams(),
        expires_at: Math.floor(Date.now() / 1000) + 60,
      }),
    );
    expect(tooSoon).toMatchObject({ param: 'expires_at' });
    const unknownRoute = await stripeError(stripe.rawRequest('POST', '/v1/nonsense', {}));
    expect(unknownRoute).toMatchObject({ statusCode: 404 });
  });

  it('honours Idempotency-Key: same params replay, different params are an idempotency error', async () => {
    const first = await stripe.customers.create(
      { email: 'a@example.com' },
      { idempotencyKey: 'customer:1' },
    );
    const replay = await stripe.customers.create(
      { email: 'a@example.com' },
      { idempotencyKey: 'customer:1' },
    );
    expect(replay.id).toBe(first.id);
    const conflict = await stripeError(
      stripe.customers.create({ email: 'b@example.com' }, { idempotencyKey: 'customer:1' }),
    );
    expect(conflict).toMatchObject({
      type: 'StripeIdempotencyError',
      rawType: 'idempotency_error',
      statusCode: 400,
    });
    expect(
      [...fake.state.customers.values()].filter((c) => c.email === 'a@example.com'),
    ).toHaveLength(1);
  });

  it('requires a secret key', async () => {
    const anonymous = new Stripe('pk_test_notASecret', {
      host: fake.host,
      port: fake.port,
      protocol: fake.protocol,
      maxNetworkRetries: 0,
    });
    const error = await stripeError(anonymous.customers.create({}));
    expect(error).toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 });
  });

  it('searches customers by metadata and lists them by email', async () => {
    await stripe.customers.create({
      email: 'find@example.com',
      metadata: { customer_ref: 'cust_find', tenant_id: 'org_1' },
    });
    const found = await stripe.customers.search({
      query: "metadata['customer_ref']:'cust_find' AND metadata['tenant_id']:'org_1'",
    });
    expect(found.data.map((c) => c.email)).toEqual(['find@example.com']);
    const none = await stripe.customers.search({
      query: "metadata['customer_ref']:'cust_find' AND metadata['tenant_id']:'org_2'",
    });
    expect(none.data).toEqual([]);
    const listed = await stripe.customers.list({ email: 'find@example.com' });
    expect(listed.data).toHaveLength(1);
    expect(requestsTo(fake.state, 'GET', '/v1/customers/search')).toHaveLength(2);
  });

  it('signs events that the real SDK verifies', async () => {
    const session = await stripe.checkout.sessions.create(sessionParams());
    const { event } = fake.completeCheckoutSession(session.id);
    expect(event).toMatchObject({
      object: 'event',
      type: 'checkout.session.completed',
      livemode: false,
    });
    const { payload, header } = signStripeEvent(event, 'whsec_test_secret');
    const verified = stripe.webhooks.constructEvent(payload, header, 'whsec_test_secret');
    expect(verified.id).toBe(event.id);
    expect(() => stripe.webhooks.constructEvent(payload, header, 'whsec_other')).toThrow();
  });

  describe('webhook endpoints', () => {
    const events: Stripe.WebhookEndpointCreateParams.EnabledEvent[] = [
      'checkout.session.completed',
    ];

    it('creates one with its secret shown once, lists and retrieves it without, deletes it', async () => {
      const created = await stripe.webhookEndpoints.create({
        url: 'https://checkout.example/api/webhooks/stripe/org_1',
        enabled_events: events,
        metadata: { tenant_id: 'org_1' },
      });
      expect(created).toMatchObject({ object: 'webhook_endpoint', status: 'enabled' });
      expect(created.secret).toMatch(/^whsec_/);
      const listed = await stripe.webhookEndpoints.list({ limit: 100 });
      const seen = listed.data.find((each) => each.id === created.id);
      expect(seen?.metadata).toEqual({ tenant_id: 'org_1' });
      expect(seen && 'secret' in seen).toBe(false);
      const retrieved = await stripe.webhookEndpoints.retrieve(created.id);
      expect(retrieved.url).toBe(created.url);
      expect('secret' in retrieved).toBe(false);
      const deleted = await stripe.webhookEndpoints.del(created.id);
      expect(deleted).toEqual({ id: created.id, object: 'webhook_endpoint', deleted: true });
      const gone = await stripeError(stripe.webhookEndpoints.retrieve(created.id));
      expect(gone).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    });

    it('refuses a URL Stripe cannot reach, unless the test makes its host reachable', async () => {
      const local = await stripeError(
        stripe.webhookEndpoints.create({
          url: 'http://localhost:3004/hook',
          enabled_events: events,
        }),
      );
      expect(local).toMatchObject({ statusCode: 400, param: 'url' });
      expect(String((local as Error).message)).toContain('URL must be publicly accessible');
      const open = await startStripeFake({ reachableHosts: ['localhost'] });
      try {
        const client = clientOf(open, 'sk_test_fake0123456789');
        const ok = await client.webhookEndpoints.create({
          url: 'http://localhost:3004/hook',
          enabled_events: events,
        });
        expect(ok.url).toBe('http://localhost:3004/hook');
        const live = clientOf(open, 'sk_live_fake0123456789');
        const plain = await stripeError(
          live.webhookEndpoints.create({
            url: 'http://localhost:3004/hook',
            enabled_events: events,
          }),
        );
        expect(String((plain as Error).message)).toContain('HTTPS in live mode');
      } finally {
        await open.close();
      }
    });

    it('answers a restricted key without the webhook permission with 403 naming it', async () => {
      const restricted = clientOf(fake, 'rk_test_fake0123456789');
      const refused = await stripeError(
        restricted.webhookEndpoints.create({
          url: 'https://checkout.example/hook',
          enabled_events: events,
        }),
      );
      expect(refused).toMatchObject({ type: 'StripePermissionError', statusCode: 403 });
      expect(String((refused as Error).message)).toContain("'rak_webhook_write' permission");
      // the same key still works for payments
      await expect(restricted.customers.list({ limit: 1 })).resolves.toBeDefined();
    });
  });
});
