import { canRefund } from '@prood/checkout';
import { orders, webhookEvents } from '@prood/db/schema';
import { createTestTenant } from '@prood/db/testing';
import {
  type MollieFake,
  mollieTestKey,
  startMollieFake,
  trustMollieFakeCertificate,
} from '@prood/mollie-fake';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { serveFetchHandler } from '../testing/http';
import {
  connectTestIntegration,
  createPayableOrder,
  createPaymentsHarness,
  type PaymentsHarness,
  serveRecordingIngest,
  serveWebhookReceiver,
  startInputForOrder,
} from './testing';

/*
 * Mollie's whole webhook path over real HTTP: the real SDK creates a payment on the Mollie fake,
 * the shopper picks a status on the fake's hosted page, the fake posts `id=tr_…` to the real
 * checkout receiver, which fetches the payment back with the tenant's key and forwards the
 * same bytes to the real API ingest, which fetches back again and writes to Postgres.
 */

trustMollieFakeCertificate();

type Served = Awaited<ReturnType<typeof serveFetchHandler>>;

let h: PaymentsHarness;
let fake: MollieFake;
let api: Awaited<ReturnType<typeof serveRecordingIngest>>;
let checkout: Served;
let apiAnswers: Array<{ status: number; body: Record<string, unknown> }>;

beforeAll(async () => {
  fake = await startMollieFake();
  // the receiver is started first: its URL is the webhook URL providers are given
  checkout = await serveWebhookReceiver(() => ({
    resolveProvider: h.deps.resolveProvider,
    forward: { commerceApiUrl: api.url, secret: h.checkoutSecret, timeoutMs: 4_000 },
  }));
  h = await createPaymentsHarness(inject('databaseUrl'), {
    providers: { checkoutBaseUrl: checkout.url, apiBaseUrls: { mollie: fake.apiEndpoint } },
  });
  api = await serveRecordingIngest(h.deps);
  apiAnswers = api.answers;
});
afterAll(async () => {
  await checkout?.close();
  await api?.close();
  await h?.close();
  await fake?.close();
});

/** A tenant with Mollie test keys connected and a PENDING order that pays with Mollie. */
async function mollieOrder() {
  const tenant = await createTestTenant(h.db);
  await connectTestIntegration(h.db, {
    tenantId: tenant.id,
    provider: 'mollie',
    credentials: { apiKey: mollieTestKey() },
  });
  const pending = await createPayableOrder(h.db, tenant.id, { unitAmount: 1250, quantity: 2 });
  const [order] = await h.db
    .update(orders)
    .set({ provider: 'mollie' })
    .where(eq(orders.id, pending.id))
    .returning();
  if (!order) throw new Error('order vanished');
  const provider = await h.deps.resolveProvider(tenant.id, 'mollie');
  const start = await provider.startPayment(startInputForOrder(order));
  if (start.kind !== 'redirect') throw new Error('expected a redirect');
  return { tenantId: tenant.id, order, provider, start };
}

/** The shopper on Mollie's test page: picks a status, is sent back. */
async function choose(checkoutUrl: string, status: 'paid' | 'failed' | 'canceled' | 'expired') {
  const page = await fetch(checkoutUrl);
  expect(await page.text()).toContain(`value="${status}"`);
  return fetch(checkoutUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `status=${status}`,
    redirect: 'manual',
  });
}

async function orderAndEvents(tenantId: string, orderId: string) {
  const [order] = await h.db.select().from(orders).where(eq(orders.id, orderId));
  const [events] = await h.db
    .select({ n: count() })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.tenantId, tenantId), eq(webhookEvents.provider, 'mollie')));
  return { status: order?.status, events: events?.n ?? 0 };
}

function postToReceiver(tenantId: string, body: string) {
  return fetch(`${checkout.url}/api/webhooks/mollie/${tenantId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
}

describe('Mollie → checkout receiver → API ingest → Postgres (fetch-back at both)', () => {
  it('a paid payment: Mollie calls the webhook, both sides fetch it back, the order is PAID once', async () => {
    const s = await mollieOrder();
    const answered = apiAnswers.length;
    const back = await choose(s.start.redirectUrl, 'paid');
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(startInputForOrder(s.order).successUrl);
    expect(fake.state.webhookCalls.at(-1)).toMatchObject({
      url: `${checkout.url}/api/webhooks/mollie/${s.tenantId}`,
      body: `id=${s.start.providerSessionId}`,
      status: 200,
    });
    expect(apiAnswers.slice(answered)).toMatchObject([{ status: 200, body: { received: true } }]);
    expect(await orderAndEvents(s.tenantId, s.order.id)).toEqual({ status: 'PAID', events: 1 });
    // both the receiver and the API asked Mollie, each with the tenant's key
    const lookups = fake.state.requests.filter(
      (r) => r.method === 'GET' && r.path === `/v2/payments/${s.start.providerSessionId}`,
    );
    expect(lookups.length).toBeGreaterThanOrEqual(2);

    // Mollie retries (or calls again with nothing new): a duplicate, acknowledged, no effect
    const retried = apiAnswers.length;
    expect((await fake.notify(s.start.providerSessionId))?.status).toBe(200);
    expect(apiAnswers.slice(retried)).toMatchObject([{ status: 200, body: { duplicate: true } }]);
    expect(await orderAndEvents(s.tenantId, s.order.id)).toEqual({ status: 'PAID', events: 1 });
  });

  it('a refund made at Mollie reaches the order through the same webhook', async () => {
    const s = await mollieOrder();
    await choose(s.start.redirectUrl, 'paid');
    const refunder = s.provider;
    if (!canRefund(refunder)) throw new Error('Mollie refunds');
    await refunder.refund({
      providerPaymentId: s.start.providerSessionId,
      amount: s.order.total,
      currency: 'EUR',
      idempotencyKey: `refund:${s.order.id}:1`,
      orderId: s.order.id,
      tenantId: s.tenantId,
    });
    await fake.processRefunds(s.start.providerSessionId);
    expect(fake.state.webhookCalls.at(-1)?.status).toBe(200);
    expect(await orderAndEvents(s.tenantId, s.order.id)).toEqual({ status: 'REFUNDED', events: 2 });
  });

  it('a failed payment fails the attempt; an expired one is recorded and pays nothing', async () => {
    const failed = await mollieOrder();
    await choose(failed.start.redirectUrl, 'failed');
    expect(fake.state.webhookCalls.at(-1)?.status).toBe(200);
    // PENDING → FAILED: the order takes a new attempt from here
    expect(await orderAndEvents(failed.tenantId, failed.order.id)).toEqual({
      status: 'FAILED',
      events: 1,
    });
    const expired = await mollieOrder();
    await choose(expired.start.redirectUrl, 'expired');
    expect(fake.state.webhookCalls.at(-1)?.status).toBe(200);
    // recorded as checkout.expired; what expiry does to the order is the order rules' business
    const afterExpiry = await orderAndEvents(expired.tenantId, expired.order.id);
    expect(afterExpiry.events).toBe(1);
    expect(afterExpiry.status).not.toBe('PAID');
  });

  it('refuses forged ids with 4xx and never reaches the API: unknown, malformed, another account’s', async () => {
    const victim = await mollieOrder();
    const attacker = await mollieOrder();
    const answered = apiAnswers.length;
    expect((await postToReceiver(victim.tenantId, 'id=tr_forged0000')).status).toBe(400);
    expect((await postToReceiver(victim.tenantId, 'id=ord_123')).status).toBe(400);
    expect((await postToReceiver(victim.tenantId, '')).status).toBe(400);
    // the attacker's own, paid payment, named on the victim's webhook URL
    await choose(attacker.start.redirectUrl, 'paid');
    const before = apiAnswers.length;
    expect(
      (await postToReceiver(victim.tenantId, `id=${attacker.start.providerSessionId}`)).status,
    ).toBe(400);
    // the API hears of the refusal only as a bodiless note for the provider event log
    const note = { status: 202, body: { recorded: true } };
    expect(apiAnswers.slice(before)).toEqual([note]);
    const forwarded = apiAnswers.slice(answered).filter((a) => a.status !== 202);
    expect(forwarded.every((a) => a.status === 200)).toBe(true);
    expect((await orderAndEvents(victim.tenantId, victim.order.id)).status).toBe('PENDING');
  });

  it('the API verifies the same way: a forwarded forged id with the right shared secret is refused', async () => {
    const s = await mollieOrder();
    const response = await fetch(`${api.url}/webhooks/payments/mollie?org=${s.tenantId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-checkout-secret': h.checkoutSecret,
      },
      body: 'id=tr_forged0000',
    });
    expect(response.status).toBe(400);
    expect((await orderAndEvents(s.tenantId, s.order.id)).events).toBe(0);
  });
});
