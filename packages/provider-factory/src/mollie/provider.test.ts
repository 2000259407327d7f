import { randomBytes } from 'node:crypto';
import { isProviderError, type StartPaymentInput } from '@prood/checkout';
import {
  type MollieFake,
  mollieTestKey,
  startMollieFake,
  trustMollieFakeCertificate,
} from '@prood/mollie-fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPaymentInput } from '../testing/start-payment-input';
import { fromMollieAmount, toMollieAmount } from './amount';
import { maskMollieCredentials, mollieCredentialsSchema } from './credentials';
import { createMollieProvider, type MolliePaymentProvider } from './provider';

trustMollieFakeCertificate();

const tenantId = `org_${randomBytes(10).toString('hex')}`;
let fake: MollieFake;
let mollie: MolliePaymentProvider;
const apiKey = mollieTestKey();
const webhookUrl = `https://checkout.example/api/webhooks/mollie/${tenantId}`;

beforeAll(async () => {
  fake = await startMollieFake();
  mollie = createMollieProvider({
    tenantId,
    mode: 'test',
    credentials: { apiKey },
    webhookUrl,
    apiEndpoint: fake.apiEndpoint,
  });
});
afterAll(() => fake.close());

const input = (overrides: Partial<StartPaymentInput> = {}) =>
  startPaymentInput(tenantId, { amount: 1999, ...overrides });

async function codeOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isProviderError(error)) throw new Error(`expected a ProviderError, got ${String(error)}`);
  expect(error.message).not.toContain(apiKey);
  return { code: error.code, retryable: error.retryable };
}

describe('Mollie amounts and credentials', () => {
  it('writes and reads amounts as Mollie’s decimal strings, exactly', () => {
    expect(toMollieAmount(1000, 'eur')).toEqual({ currency: 'EUR', value: '10.00' });
    expect(toMollieAmount(5, 'EUR')).toEqual({ currency: 'EUR', value: '0.05' });
    expect(toMollieAmount(500, 'JPY')).toEqual({ currency: 'JPY', value: '500' });
    expect(fromMollieAmount({ currency: 'EUR', value: '25.50' })).toBe(2550);
    expect(fromMollieAmount({ currency: 'EUR', value: '0.07' })).toBe(7);
    expect(() => fromMollieAmount({ currency: 'EUR', value: '25.5' })).toThrow();
  });

  it('takes test_ and live_ keys of Mollie’s shape and masks them', () => {
    expect(mollieCredentialsSchema.safeParse({ apiKey }).success).toBe(true);
    expect(mollieCredentialsSchema.safeParse({ apiKey: 'sk_test_123' }).success).toBe(false);
    expect(maskMollieCredentials({ apiKey })).toEqual({ apiKey: `test_…${apiKey.slice(-4)}` });
  });
});

describe('Mollie provider against the Mollie fake', () => {
  it('creates a hosted payment for ideal, bancontact and creditcard with our ids and webhook', async () => {
    const order = input();
    const start = await mollie.startPayment(order);
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    expect(start.providerSessionId).toMatch(/^tr_/);
    expect(start.redirectUrl).toContain(`/checkout/select-method/${start.providerSessionId}`);
    const sent = fake.state.requests.find((r) => r.method === 'POST' && r.path === '/v2/payments');
    expect(sent?.body).toMatchObject({
      amount: { currency: 'EUR', value: '19.99' },
      method: ['ideal', 'bancontact', 'creditcard'],
      redirectUrl: order.successUrl,
      cancelUrl: order.cancelUrl,
      webhookUrl,
      metadata: { tenant_id: tenantId, order_id: order.orderId, attempt: '1' },
    });
    // ids only: no personal data in what Mollie is sent
    expect(JSON.stringify(sent?.body)).not.toMatch(/@/);
    expect(sent?.idempotencyKey).toBe(`checkout:${tenantId}:${order.orderId}:1`);
    // the same attempt again is the same payment
    const again = await mollie.startPayment(order);
    expect(again.kind === 'redirect' && again.providerSessionId).toBe(start.providerSessionId);
    expect(await codeOf(mollie.startPayment(input({ mode: 'subscription' })))).toMatchObject({
      code: 'invalid_request',
    });
  });

  it.each([
    ['open', [], { status: 'open', paymentStatus: 'unpaid', processing: false }],
    [
      'pending',
      ['payment.processing'],
      { status: 'complete', paymentStatus: 'unpaid', processing: true },
    ],
    [
      'authorized',
      ['payment.processing'],
      { status: 'complete', paymentStatus: 'unpaid', processing: true },
    ],
    ['paid', ['payment.succeeded'], { status: 'complete', paymentStatus: 'paid' }],
    ['failed', ['payment.failed'], { status: 'open', paymentStatus: 'unpaid' }],
    ['canceled', ['payment.failed'], { status: 'open', paymentStatus: 'unpaid' }],
    ['expired', ['checkout.expired'], { status: 'expired', paymentStatus: 'unpaid' }],
  ] as const)('status %s → %j, and a look-up that says %j', async (status, types, looked) => {
    const start = await mollie.startPayment(input());
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    if (status !== 'open') await fake.setPaymentStatus(start.providerSessionId, status);
    const parsed = await mollie.parseWebhook({
      rawBody: `id=${start.providerSessionId}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      tenantId,
    });
    expect(parsed.events.map((e) => e.type)).toEqual(types);
    expect(parsed.eventId).toBe(`${start.providerSessionId}:${status}`);
    expect(
      await mollie.retrievePayment({ providerSessionId: start.providerSessionId }),
    ).toMatchObject({ ...looked, amount: 1999, currency: 'EUR' });
    if (status === 'canceled') expect(parsed.events[0]).toMatchObject({ failureCode: 'canceled' });
  });

  it('refuses a webhook that names no payment, an unknown one, or another account’s', async () => {
    const hook = (rawBody: string) => mollie.parseWebhook({ rawBody, headers: {}, tenantId });
    expect(await codeOf(hook(''))).toEqual({ code: 'webhook_payload_invalid', retryable: false });
    expect(await codeOf(hook('id=ord_123'))).toEqual({
      code: 'webhook_payload_invalid',
      retryable: false,
    });
    expect(await codeOf(hook('id=tr_unknown000'))).toEqual({ code: 'not_found', retryable: false });
    const stranger = createMollieProvider({
      tenantId,
      mode: 'test',
      credentials: { apiKey: mollieTestKey() },
      apiEndpoint: fake.apiEndpoint,
    });
    const theirs = await stranger.startPayment(input());
    if (theirs.kind !== 'redirect') throw new Error('expected a redirect');
    // same tenant id in the metadata, but another Mollie account: invisible with our key
    expect(await codeOf(hook(`id=${theirs.providerSessionId}`))).toEqual({
      code: 'not_found',
      retryable: false,
    });
  });

  it('refuses a test payment with a live key’s provider (mode mismatch)', async () => {
    const start = await mollie.startPayment(input());
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    const live = createMollieProvider({
      tenantId,
      mode: 'live',
      credentials: { apiKey },
      apiEndpoint: fake.apiEndpoint,
    });
    const refused = await codeOf(
      live.parseWebhook({ rawBody: `id=${start.providerSessionId}`, headers: {}, tenantId }),
    );
    expect(refused).toEqual({ code: 'mode_mismatch', retryable: false });
  });

  it('refunds a paid payment partly and fully; a refund webhook carries the running total', async () => {
    const order = input({ amount: 5000 });
    const start = await mollie.startPayment(order);
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    await fake.setPaymentStatus(start.providerSessionId, 'paid');
    const refund = (amount: number, key: string) =>
      mollie.refund({
        providerPaymentId: start.providerSessionId,
        amount,
        currency: 'EUR',
        idempotencyKey: key,
        orderId: order.orderId,
        tenantId,
      });
    expect(await refund(1250, 'r1')).toMatchObject({ status: 'pending', amount: 1250 });
    expect(await refund(1250, 'r1')).toMatchObject({ amount: 1250 });
    expect(await codeOf(refund(3751, 'r2'))).toEqual({ code: 'invalid_request', retryable: false });
    await refund(3750, 'r3');
    await fake.processRefunds(start.providerSessionId);
    const parsed = await mollie.parseWebhook({
      rawBody: `id=${start.providerSessionId}`,
      headers: {},
      tenantId,
    });
    expect(parsed.eventId).toBe(`${start.providerSessionId}:paid:refunded:5000`);
    expect(parsed.events.find((e) => e.type === 'refund.succeeded')).toMatchObject({
      amountRefundedTotal: 5000,
      orderId: order.orderId,
    });
  });

  it('ends an open payment; a paid one is left alone', async () => {
    const open = await mollie.startPayment(input());
    if (open.kind !== 'redirect') throw new Error('expected a redirect');
    await mollie.expireSession(open.providerSessionId);
    expect(fake.state.payments.get(open.providerSessionId)?.payment.status).toBe('canceled');
    const paid = await mollie.startPayment(input());
    if (paid.kind !== 'redirect') throw new Error('expected a redirect');
    await fake.setPaymentStatus(paid.providerSessionId, 'paid');
    await mollie.expireSession(paid.providerSessionId);
    expect(fake.state.payments.get(paid.providerSessionId)?.payment.status).toBe('paid');
  });

  it('answers retryable when Mollie cannot be reached, so the webhook is retried', async () => {
    const down = createMollieProvider({
      tenantId,
      mode: 'test',
      credentials: { apiKey },
      apiEndpoint: 'https://127.0.0.1:1/v2/',
    });
    expect(
      await codeOf(down.parseWebhook({ rawBody: 'id=tr_abcdefghij', headers: {}, tenantId })),
    ).toEqual({ code: 'provider_unavailable', retryable: true });
  });
});
