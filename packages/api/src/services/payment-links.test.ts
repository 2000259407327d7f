import { createMemorySessionStore, loadSession } from '@prood/checkout-host';
import { events, orders, paymentLinks, prices, products } from '@prood/db/schema';
import { createTestProduct } from '@prood/db/testing';
import { newId } from '@prood/validators';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createPaymentsHarness,
  createSandboxTenant,
  ingestSandboxEvent,
  type PaymentsHarness,
  type SandboxTenant,
} from '../payments/testing';
import { restEndpoints } from '../rest/endpoints';
import { createInternalCheckoutApi } from '../rest/internal-checkout';
import { createRestApi } from '../rest/router';
import { createInProcessCheckoutApp } from '../testing/checkout-app';
import { serveFetchHandler } from '../testing/http';

/*
 * Payment links through the real REST surface and the checkout app's internal calls, with the
 * checkout app's real session code (in process, on a memory store) and the sandbox on Postgres.
 */

let h: PaymentsHarness;
let a: SandboxTenant;
let b: SandboxTenant;
let api: Awaited<ReturnType<typeof serveFetchHandler>>;
let internal: ReturnType<typeof createInternalCheckoutApi>;
const store = createMemorySessionStore();

beforeAll(async () => {
  h = await createPaymentsHarness(inject('databaseUrl'));
  [a, b] = await Promise.all([createSandboxTenant(h.db), createSandboxTenant(h.db)]);
  const checkoutApp = createInProcessCheckoutApp({
    store,
    resolveProvider: h.deps.resolveProvider,
  });
  const payments = { resolveProvider: h.deps.resolveProvider, jobs: h.deps.jobs };
  const rest = createRestApi(restEndpoints, {
    db: h.db,
    logger: pino({ level: 'silent' }),
    checkoutApp,
    payments,
    cartTtlMs: 3_600_000,
    checkoutUrl: 'https://pay.example',
  });
  api = await serveFetchHandler(rest.handle);
  internal = createInternalCheckoutApi({
    db: h.db,
    logger: pino({ level: 'silent' }),
    checkoutSecret: h.checkoutSecret,
    checkoutApp,
    payments,
    cartTtlMs: 3_600_000,
  });
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

async function call(tenant: SandboxTenant, method: string, path: string, body?: unknown) {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Loose };
}

async function checkoutCall(method: 'GET' | 'POST', path: string, body?: unknown) {
  const res = await internal.handle(
    new Request(`http://api/internal/checkout${path}`, {
      method,
      headers: { 'x-checkout-secret': h.checkoutSecret, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  );
  return { status: res.status, body: (await res.json()) as Loose };
}

// biome-ignore lint/suspicious/noExplicitAny: test responses are inspected loosely
type Loose = Record<string, any>;

const shopper = { name: 'Ada Shopper', email: 'Ada@Example.com' };

describe('product payment links', () => {
  it('every visit is a fresh order priced from the database, remembered on the link', async () => {
    const { productId, price } = await createTestProduct(h.db, {
      tenantId: a.tenantId,
      unitAmount: 1250,
    });
    const created = await call(a, 'POST', '/v1/payment-links', {
      kind: 'product',
      priceId: price.id,
      quantity: 2,
    });
    expect(created.status).toBe(201);
    const link = created.body;
    expect(link).toMatchObject({
      object: 'payment_link',
      kind: 'product',
      active: true,
      amount: 2500,
      currency: 'EUR',
      productId,
      uses: 0,
    });
    expect(link.id).toMatch(/^plink_/);
    expect(link.url).toBe(`https://pay.example/l/${link.id}`);

    const landing = await checkoutCall('GET', `/links/${link.id}`);
    expect(landing.status).toBe(200);
    expect(landing.body).toMatchObject({
      active: true,
      amount: 2500,
      quantity: 2,
      currency: 'EUR',
    });

    // the merchant raises the price: the next buyer pays the database's price, not the old one
    const first = await checkoutCall('POST', `/links/${link.id}/start`, shopper);
    expect(first.status).toBe(200);
    await h.db.update(prices).set({ unitAmount: 1500 }).where(eq(prices.id, price.id));
    const second = await checkoutCall('POST', `/links/${link.id}/start`, {
      ...shopper,
      amount: 1, // anything else a browser sends is refused, never used
    });
    expect(second.status).toBe(400);
    const again = await checkoutCall('POST', `/links/${link.id}/start`, shopper);
    expect(again.status).toBe(200);
    expect(again.body.orderId).not.toBe(first.body.orderId);
    expect(again.body.sessionId).not.toBe(first.body.sessionId);
    expect(again.body.url).toContain(`/c/${again.body.sessionId}`);

    const made = await h.db.select().from(orders).where(eq(orders.paymentLinkId, link.id));
    expect(made.map((o) => o.total).sort()).toEqual([2500, 3000]);
    expect(made.every((o) => o.customerEmail === 'ada@example.com')).toBe(true);
    const session = await loadSession(again.body.sessionId, { store });
    expect(session).toMatchObject({ amount: 3000, orderId: again.body.orderId });

    const got = await call(a, 'GET', `/v1/payment-links/${link.id}`);
    expect(got.body).toMatchObject({ uses: 2, paidUses: 0, amount: 3000 });
  });

  it("sells what is downloaded or picked up, never what ships to an address it doesn't ask for", async () => {
    const shipped = await createTestProduct(h.db, { tenantId: a.tenantId, unitAmount: 900 });
    await h.db
      .update(products)
      .set({ fulfillmentMethods: ['shipping'] })
      .where(eq(products.id, shipped.productId));
    const refused = await call(a, 'POST', '/v1/payment-links', {
      kind: 'product',
      priceId: shipped.price.id,
      quantity: 1,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'validation_error',
      details: { field: 'priceId', allowed: ['shipping'] },
    });
    expect(
      await h.db.select().from(paymentLinks).where(eq(paymentLinks.priceId, shipped.price.id)),
    ).toEqual([]);

    const collected = await createTestProduct(h.db, { tenantId: a.tenantId, unitAmount: 900 });
    await h.db
      .update(products)
      .set({ fulfillmentMethods: ['shipping', 'pickup'] })
      .where(eq(products.id, collected.productId));
    const link = await call(a, 'POST', '/v1/payment-links', {
      kind: 'product',
      priceId: collected.price.id,
      quantity: 1,
    });
    expect(link.status).toBe(201);
    const started = await checkoutCall('POST', `/links/${link.body.id}/start`, shopper);
    expect(started.status).toBe(200);
    const [order] = await h.db.select().from(orders).where(eq(orders.id, started.body.orderId));
    expect(order?.fulfillment).toBe('pickup');
  });

  it('a paid order of a product link announces payment_link.paid with its order', async () => {
    const { price } = await createTestProduct(h.db, { tenantId: a.tenantId, unitAmount: 700 });
    const link = (
      await call(a, 'POST', '/v1/payment-links', { kind: 'product', priceId: price.id })
    ).body;
    const start = (await checkoutCall('POST', `/links/${link.id}/start`, shopper)).body;
    const answer = await ingestSandboxEvent(h, a, 'payment.succeeded', {
      order_id: start.orderId,
      checkout_session_id: start.sessionId,
      payment_id: `sbx_pay_${start.orderId}`,
      amount: 700,
      currency: 'EUR',
    });
    expect(answer.status).toBeLessThan(300);
    const [order] = await h.db.select().from(orders).where(eq(orders.id, start.orderId));
    expect(order?.status).toBe('PAID');
    const linkEvents = await h.db
      .select()
      .from(events)
      .where(and(eq(events.tenantId, a.tenantId), eq(events.type, 'payment_link.paid')));
    expect(linkEvents.map((e) => e.data)).toContainEqual(
      expect.objectContaining({
        object: expect.objectContaining({ id: link.id, orderId: start.orderId, amount: 700 }),
      }),
    );
    expect((await call(a, 'GET', `/v1/payment-links/${link.id}`)).body).toMatchObject({
      uses: 1,
      paidUses: 1,
    });
  });

  it('a disabled link refuses new orders; turned back on, it sells again', async () => {
    const { price } = await createTestProduct(h.db, { tenantId: a.tenantId });
    const link = (
      await call(a, 'POST', '/v1/payment-links', { kind: 'product', priceId: price.id })
    ).body;
    const off = await call(a, 'POST', `/v1/payment-links/${link.id}`, { active: false });
    expect(off).toMatchObject({ status: 200, body: { active: false } });
    expect((await checkoutCall('GET', `/links/${link.id}`)).body).toMatchObject({ active: false });
    const refused = await checkoutCall('POST', `/links/${link.id}/start`, shopper);
    expect(refused).toMatchObject({
      status: 409,
      body: { error: { code: 'payment_link_inactive' } },
    });
    expect(await h.db.select().from(orders).where(eq(orders.paymentLinkId, link.id))).toEqual([]);
    await call(a, 'POST', `/v1/payment-links/${link.id}`, { active: true });
    expect((await checkoutCall('POST', `/links/${link.id}/start`, shopper)).status).toBe(200);
  });

  it("another tenant's price or link is not found, and unknown links answer 404", async () => {
    const { price } = await createTestProduct(h.db, { tenantId: a.tenantId });
    const theirs = await call(b, 'POST', '/v1/payment-links', {
      kind: 'product',
      priceId: price.id,
    });
    expect(theirs).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    const link = (
      await call(a, 'POST', '/v1/payment-links', { kind: 'product', priceId: price.id })
    ).body;
    expect((await call(b, 'GET', `/v1/payment-links/${link.id}`)).status).toBe(404);
    expect((await call(b, 'POST', `/v1/payment-links/${link.id}`, { active: false })).status).toBe(
      404,
    );
    const [row] = await h.db.select().from(paymentLinks).where(eq(paymentLinks.id, link.id));
    expect(row?.active).toBe(true);
    expect((await call(b, 'GET', '/v1/payment-links')).body.data).toEqual([]);
    expect((await checkoutCall('GET', `/links/${newId('productLink')}`)).status).toBe(404);
    expect((await checkoutCall('GET', '/links/not-an-id')).status).toBe(404);
    expect(
      (await checkoutCall('POST', `/links/${newId('productLink')}/start`, shopper)).status,
    ).toBe(404);
    expect((await call(a, 'GET', '/v1/payment-links?cursor=garbage')).status).toBe(400);
  });
});

describe('invoice payment links', () => {
  it('keeps the seed contract, is a row, is paid once and then shows as used', async () => {
    const created = await call(a, 'POST', '/v1/payment-links', {
      amount: 4200,
      currency: 'EUR',
      description: 'Invoice 2026-041',
    });
    expect(created.status).toBe(201);
    const link = created.body;
    expect(link.id).toMatch(/^cs_link_/);
    expect(link).toMatchObject({ kind: 'invoice', amount: 4200, currency: 'EUR', uses: 0 });
    expect(link.url).toContain(`/c/${link.id}`);
    expect(await loadSession(link.id, { store })).toMatchObject({ amount: 4200 });

    const pay = () =>
      ingestSandboxEvent(h, a, 'payment.succeeded', {
        checkout_session_id: link.id,
        payment_id: `sbx_pay_${link.id}`,
        amount: 4200,
        currency: 'EUR',
      });
    expect((await pay()).status).toBeLessThan(300);
    expect((await pay()).status).toBeLessThan(300);
    const got = (await call(a, 'GET', `/v1/payment-links/${link.id}`)).body;
    expect(got).toMatchObject({ uses: 1, paidUses: 1 });
    expect(got.paidAt).toEqual(expect.any(String));
    const paidEvents = await h.db
      .select()
      .from(events)
      .where(and(eq(events.tenantId, a.tenantId), eq(events.type, 'payment_link.paid')));
    expect(
      paidEvents.filter((e) => (e.data as { object: { id: string } }).object.id === link.id),
    ).toHaveLength(1);
    // paid: it cannot be disabled any more
    const disable = await call(a, 'POST', `/v1/payment-links/${link.id}`, { active: false });
    expect(disable).toMatchObject({ status: 409, body: { error: { code: 'payment_link_paid' } } });
  });

  it('disabling cancels its session for good', async () => {
    const link = (
      await call(a, 'POST', '/v1/payment-links', {
        amount: 990,
        currency: 'EUR',
        description: 'Deposit',
      })
    ).body;
    const off = await call(a, 'POST', `/v1/payment-links/${link.id}`, { active: false });
    expect(off).toMatchObject({ status: 200, body: { active: false } });
    expect((await loadSession(link.id, { store }))?.state).toBe('canceled');
    const on = await call(a, 'POST', `/v1/payment-links/${link.id}`, { active: true });
    expect(on).toMatchObject({
      status: 409,
      body: { error: { code: 'payment_link_not_reactivatable' } },
    });
  });

  it('lists both kinds newest first by keyset, with no repeats across pages', async () => {
    const tenant = await createSandboxTenant(h.db);
    const { price } = await createTestProduct(h.db, { tenantId: tenant.tenantId });
    for (let i = 0; i < 5; i += 1) {
      await call(tenant, 'POST', '/v1/payment-links', { kind: 'product', priceId: price.id });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: Loose } = await call(
        tenant,
        'GET',
        `/v1/payment-links?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.data.map((l: { id: string }) => l.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });
});
