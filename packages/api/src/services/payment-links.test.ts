import { createMemorySessionStore, loadSession } from '@prood/checkout-host';
import {
  events,
  fulfillmentLog,
  orderItems,
  orders,
  paymentLinks,
  prices,
  products,
} from '@prood/db/schema';
import { createTestProduct } from '@prood/db/testing';
import { submitSandboxCard } from '@prood/provider-factory';
import { newId } from '@prood/validators';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ingestPaymentWebhook } from '../payments/ingest-webhook';
import {
  createPaymentsHarness,
  createSandboxTenant,
  ingestSandboxEvent,
  type PaymentsHarness,
  pendingSandboxDeliveries,
  type SandboxTenant,
  startInputForOrder,
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

/** What the checkout app does when a shopper pays an invoice link with a card: the sandbox session names the link. */
async function payLinkWithCard(tenant: SandboxTenant, linkId: string, amount: number) {
  const provider = await h.deps.resolveProvider(tenant.tenantId, 'sandbox');
  const started = await provider.startPayment(
    startInputForOrder({
      id: linkId,
      tenantId: tenant.tenantId,
      total: amount,
      checkoutSessionId: linkId,
    }),
  );
  if (started.kind !== 'redirect') throw new Error('expected a sandbox redirect');
  await submitSandboxCard(h.sandbox, {
    tenantId: tenant.tenantId,
    sandboxSessionId: started.providerSessionId,
    cardNumber: '4242 4242 4242 4242',
  });
  return started.providerSessionId;
}

/** The sandbox's webhooks for the tenant, forwarded to the API as the checkout app does. */
async function deliverSandboxWebhooks(tenant: SandboxTenant) {
  const statuses: number[] = [];
  for (const delivery of await pendingSandboxDeliveries(h, tenant)) {
    const answer = await ingestPaymentWebhook(h.deps, {
      provider: 'sandbox',
      orgId: tenant.tenantId,
      rawBody: delivery.payload,
      headers: delivery.headers(),
    });
    statuses.push(answer.status);
  }
  return statuses;
}

async function invoiceLink(tenant: SandboxTenant, amount: number, description: string) {
  const created = await call(tenant, 'POST', '/v1/payment-links', {
    amount,
    currency: 'EUR',
    description,
  });
  expect(created.status).toBe(201);
  return created.body as { id: string };
}

async function ordersOfLink(linkId: string) {
  return h.db.select().from(orders).where(eq(orders.paymentLinkId, linkId));
}

/** A sandbox `payment.succeeded` naming an invoice link's session, as the provider would send it. */
function payLinkEvent(tenant: SandboxTenant, linkId: string, amount: number, paymentId: string) {
  return ingestSandboxEvent(h, tenant, 'payment.succeeded', {
    checkout_session_id: linkId,
    payment_id: paymentId,
    amount,
    currency: 'EUR',
  });
}

describe('an invoice link’s payment is an order', () => {
  it('is created by the payment, with one product-less line, paid once, and listed on the link', async () => {
    const tenant = await createSandboxTenant(h.db);
    const link = await invoiceLink(tenant, 4200, 'Invoice 2026-042');
    // nothing is an order before somebody pays
    expect(await ordersOfLink(link.id)).toEqual([]);
    expect((await call(tenant, 'GET', '/v1/orders')).body.data).toEqual([]);

    await payLinkWithCard(tenant, link.id, 4200);
    const statuses = await deliverSandboxWebhooks(tenant);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
    // the provider says it again: still one order, one payment
    await deliverSandboxWebhooks(tenant);

    const made = await ordersOfLink(link.id);
    expect(made).toHaveLength(1);
    const order = made[0];
    expect(order).toMatchObject({
      status: 'PAID',
      total: 4200,
      amountPaid: 4200,
      checkoutSessionId: link.id,
      fulfillment: 'digital',
      needsReview: false,
    });
    expect(order?.snapshot?.items).toEqual([
      expect.objectContaining({
        productId: null,
        priceId: null,
        title: 'Invoice 2026-042',
        unitAmount: 4200,
        quantity: 1,
        total: 4200,
      }),
    ]);

    // the /v1 order object has the line with no product
    const got = await call(tenant, 'GET', `/v1/orders/${order?.id}`);
    expect(got.status).toBe(200);
    expect(got.body.items).toEqual([
      expect.objectContaining({ productId: null, priceId: null, title: 'Invoice 2026-042' }),
    ]);
    expect((await call(tenant, 'GET', '/v1/orders')).body.data.map((o: Loose) => o.id)).toEqual([
      order?.id,
    ]);

    const detail = await call(tenant, 'GET', `/v1/payment-links/${link.id}`);
    expect(detail.body).toMatchObject({ uses: 1, paidUses: 1 });
    expect(detail.body.paidAt).toEqual(expect.any(String));

    const typed = await h.db.select().from(events).where(eq(events.tenantId, tenant.tenantId));
    const ofType = (type: string) => typed.filter((e) => e.type === type);
    expect(ofType('order.created')).toHaveLength(1);
    expect(ofType('order.paid')).toHaveLength(1);
    expect(ofType('payment_link.paid').map((e) => e.data)).toEqual([
      expect.objectContaining({
        object: expect.objectContaining({
          id: link.id,
          kind: 'invoice',
          orderId: order?.id,
          amount: 4200,
        }),
      }),
    ]);
    // no address to write to: the receipt is not mailed, and stock is left alone
    const log = await h.db
      .select()
      .from(fulfillmentLog)
      .where(eq(fulfillmentLog.orderId, order?.id ?? ''));
    expect(log.map((l) => l.event)).toContain('paid');
  });

  it('two concurrent payments of one link make one order: the second payment waits for review', async () => {
    const tenant = await createSandboxTenant(h.db);
    const link = await invoiceLink(tenant, 1500, 'Deposit');
    const pay = (n: number) =>
      ingestSandboxEvent(h, tenant, 'payment.succeeded', {
        checkout_session_id: link.id,
        order_id: link.id,
        payment_id: `sbx_pay_${n}_${link.id}`,
        amount: 1500,
        currency: 'EUR',
      });
    const answers = await Promise.all([pay(1), pay(2), pay(1), pay(2)]);
    expect(answers.every((a) => a.status < 300)).toBe(true);
    const made = await ordersOfLink(link.id);
    expect(made).toHaveLength(1);
    // one payment made it PAID; the other one is a double charge the merchant refunds
    expect(made[0]).toMatchObject({ status: 'PAID', amountPaid: 1500, needsReview: true });
    expect(made[0]?.reviewReason).toMatch(/second payment/);
    const paidEvents = await h.db
      .select()
      .from(events)
      .where(and(eq(events.tenantId, tenant.tenantId), eq(events.type, 'payment_link.paid')));
    expect(paidEvents).toHaveLength(1);
    const lines = await h.db
      .select()
      .from(orderItems)
      .where(eq(orderItems.orderId, made[0]?.id ?? ''));
    expect(lines).toHaveLength(1);
  });

  it('the database refuses a second order for one invoice link', async () => {
    const tenant = await createSandboxTenant(h.db);
    const link = await invoiceLink(tenant, 800, 'Once');
    await payLinkEvent(tenant, link.id, 800, `sbx_pay_${link.id}`);
    const [order] = await ordersOfLink(link.id);
    expect(order).toBeDefined();
    await expect(
      h.db.insert(orders).values({
        ...(order as typeof orders.$inferInsert),
        id: newId('order'),
        reference: '#ZZZZZZZZ',
      }),
    ).rejects.toThrow();
  });

  it('is refunded through the normal path, in part and then the rest, never more than paid', async () => {
    const tenant = await createSandboxTenant(h.db);
    const link = await invoiceLink(tenant, 3000, 'Workshop');
    await payLinkWithCard(tenant, link.id, 3000);
    await deliverSandboxWebhooks(tenant);
    const [order] = await ordersOfLink(link.id);
    expect(order?.status).toMatch(/PAID|FULFILLED/);
    const id = order?.id ?? '';
    const half = await call(tenant, 'POST', `/v1/orders/${id}/refunds`, {
      amount: 1000,
      reason: 'requested_by_customer',
    });
    expect(half.status).toBe(201);
    const tooMuch = await call(tenant, 'POST', `/v1/orders/${id}/refunds`, { amount: 2001 });
    expect(tooMuch).toMatchObject({
      status: 422,
      body: { error: { code: 'refund_exceeds_paid' } },
    });
    expect((await call(tenant, 'GET', `/v1/orders/${id}`)).body).toMatchObject({
      status: 'PARTIALLY_REFUNDED',
      amountRefunded: 1000,
    });
    const rest = await call(tenant, 'POST', `/v1/orders/${id}/refunds`, {});
    expect(rest).toMatchObject({ status: 201, body: { amount: 2000 } });
    expect((await call(tenant, 'GET', `/v1/orders/${id}`)).body).toMatchObject({
      status: 'REFUNDED',
      amountPaid: 3000,
      amountRefunded: 3000,
    });
    // the provider's refund webhooks change nothing more
    await deliverSandboxWebhooks(tenant);
    const [after] = await ordersOfLink(link.id);
    expect(after).toMatchObject({ status: 'REFUNDED', amountRefunded: 3000 });
  });

  it("another tenant sees none of it, and its payment naming the link makes no order of A's", async () => {
    const link = await invoiceLink(a, 2100, 'Consulting');
    await payLinkEvent(a, link.id, 2100, `sbx_pay_${link.id}`);
    const [order] = await ordersOfLink(link.id);
    expect(order?.tenantId).toBe(a.tenantId);
    expect((await call(b, 'GET', `/v1/orders/${order?.id}`)).status).toBe(404);
    expect((await call(b, 'GET', '/v1/orders')).body.data.map((o: Loose) => o.id)).not.toContain(
      order?.id,
    );
    expect((await call(b, 'POST', `/v1/orders/${order?.id}/refunds`, {})).status).toBe(404);
    // B forges a payment of A's link on its own account: B's link lookup finds nothing
    const forged = await payLinkEvent(b, link.id, 2100, `sbx_pay_forged_${link.id}`);
    expect(forged.status).toBeLessThan(300);
    expect(await ordersOfLink(link.id)).toHaveLength(1);
    expect(await h.db.select().from(orders).where(eq(orders.tenantId, b.tenantId))).toEqual([]);
  });

  it('links made before the migration: unpaid ones make their order when paid, paid ones still count', async () => {
    const tenant = await createSandboxTenant(h.db);
    // rows as the migration finds them: written straight, no order behind them
    const unpaid = newId('paymentLink');
    const paidBefore = newId('paymentLink');
    await h.db.insert(paymentLinks).values([
      {
        id: unpaid,
        tenantId: tenant.tenantId,
        kind: 'invoice',
        amount: 990,
        currency: 'EUR',
        description: 'Old invoice',
      },
      {
        id: paidBefore,
        tenantId: tenant.tenantId,
        kind: 'invoice',
        amount: 500,
        currency: 'EUR',
        description: 'Paid long ago',
        paidAt: new Date('2026-01-02T03:04:05Z'),
        providerPaymentId: 'sbx_pay_old',
      },
    ]);
    expect((await call(tenant, 'GET', `/v1/payment-links/${paidBefore}`)).body).toMatchObject({
      uses: 1,
      paidUses: 1,
    });
    await payLinkEvent(tenant, unpaid, 990, `sbx_pay_${unpaid}`);
    const [order] = await ordersOfLink(unpaid);
    expect(order).toMatchObject({ status: 'PAID', total: 990 });
    expect((await call(tenant, 'GET', `/v1/payment-links/${unpaid}`)).body).toMatchObject({
      uses: 1,
      paidUses: 1,
    });
    // a disabled link's late payment is real money: paid, flagged, never fulfilled by itself
    const disabled = await invoiceLink(tenant, 700, 'Withdrawn');
    await call(tenant, 'POST', `/v1/payment-links/${disabled.id}`, { active: false });
    await payLinkEvent(tenant, disabled.id, 700, `sbx_pay_${disabled.id}`);
    const [late] = await ordersOfLink(disabled.id);
    expect(late).toMatchObject({ status: 'PAID', needsReview: true });
  });
});
