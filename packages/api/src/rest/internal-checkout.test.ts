import { createDatabase, type Database } from '@prood/db';
import { orders } from '@prood/db/schema';
import { checkoutOrderPaymentSchema, checkoutPageViewSchema, newId } from '@prood/validators';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../logger';
import { createOrder } from '../services/orders';
import {
  type SeededTenant,
  seedStorefrontTenant,
  unreachableCheckout,
  unreachablePayments,
} from '../testing/fixtures';
import { serveFetchHandler } from '../testing/http';
import { createInternalCheckoutApi } from './internal-checkout';

const SECRET = 'internal-test-secret-0123456789abcdef';

let db: Database;
let server: Awaited<ReturnType<typeof serveFetchHandler>>;
let a: SeededTenant;
let b: SeededTenant;

beforeAll(async () => {
  db = createDatabase(inject('databaseUrl'), { max: 6 });
  const api = createInternalCheckoutApi({
    db,
    logger: createLogger({ level: 'silent' }),
    checkoutSecret: SECRET,
    checkoutApp: unreachableCheckout,
    payments: unreachablePayments,
    cartTtlMs: 60 * 60 * 1000,
  });
  server = await serveFetchHandler(api.handle);
  [a, b] = await Promise.all([seedStorefrontTenant(db), seedStorefrontTenant(db)]);
});

afterAll(async () => {
  await server.close();
  await db.$client.end();
});

async function call(
  path: string,
  init: { method?: string; body?: unknown; secret?: string | null } = {},
) {
  const secret = init.secret === undefined ? SECRET : init.secret;
  const response = await fetch(`${server.url}/internal/checkout${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(secret === null ? {} : { 'x-checkout-secret': secret }),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected loosely
  const body: any = await response.json();
  return { status: response.status, body };
}

/** An order of `tenant` with a checkout session id written on it, as checkout start does. */
async function orderOf(tenant: SeededTenant) {
  const { order } = await createOrder(
    { db, tenantId: tenant.tenantId, logger: createLogger({ level: 'silent' }) },
    {
      items: [{ priceId: tenant.products.beans.priceId, quantity: 2 }],
      customer: { name: 'Ada', email: 'ada@example.com', country: 'DE' },
      fulfillment: { method: 'digital' },
    },
  );
  const sessionId = newId('checkoutSession');
  await db.update(orders).set({ checkoutSessionId: sessionId }).where(eq(orders.id, order.id));
  return { orderId: order.id, sessionId, total: order.total };
}

describe('/internal/checkout: the shared secret', () => {
  it.each([
    ['no secret', null],
    ['a wrong secret', 'x'.repeat(SECRET.length)],
    ['a prefix of the secret', SECRET.slice(0, 10)],
  ])('%s: 401 unauthorized on every route, nothing read or written', async (_, secret) => {
    const { orderId, sessionId, total } = await orderOf(a);
    const org = a.tenantId;
    for (const [method, path, body] of [
      ['GET', `/page?org=${org}&order=${orderId}`],
      ['GET', `/sessions/${sessionId}/page`],
      ['GET', `/orders/${orderId}/payment?org=${org}`],
      [
        'POST',
        `/orders/${orderId}/changes?org=${org}`,
        { kind: 'coupon', code: a.couponCodes.percent },
      ],
      ['POST', `/sessions/${sessionId}/restart`, {}],
      ['GET', '/nothing-here'],
    ] as const) {
      const response = await call(path, { method, body, secret });
      expect(response, `${method} ${path}`).toMatchObject({
        status: 401,
        body: { error: { code: 'unauthorized' } },
      });
    }
    const [row] = await db.select().from(orders).where(eq(orders.id, orderId));
    expect(row?.total).toBe(total);
  });
});

describe('/internal/checkout: tenants', () => {
  it("another tenant's order is 404 on every route; the owner's is answered", async () => {
    const { orderId } = await orderOf(a);
    const mine = await call(`/page?org=${a.tenantId}&order=${orderId}`);
    expect(mine.status).toBe(200);
    expect(checkoutPageViewSchema.parse(mine.body).order?.order.id).toBe(orderId);
    for (const [method, path, body] of [
      ['GET', `/page?org=${b.tenantId}&order=${orderId}`],
      ['GET', `/orders/${orderId}/payment?org=${b.tenantId}`],
      ['POST', `/orders/${orderId}/changes?org=${b.tenantId}`, { kind: 'remove_coupon' }],
      [
        'POST',
        `/sessions/${newId('checkoutSession')}/restart`,
        { org: b.tenantId, order: orderId },
      ],
    ] as const) {
      const response = await call(path, { method, body });
      expect(response, `${method} ${path}`).toMatchObject({
        status: 404,
        body: { error: { code: 'not_found' } },
      });
    }
  });

  it('a malformed or missing tenant or order id is 404 too, never a 500', async () => {
    const { orderId } = await orderOf(a);
    for (const path of [
      `/page?order=${orderId}`,
      `/page?org=nope&order=${orderId}`,
      `/page?org=${a.tenantId}&order=nope`,
      `/orders/nope/payment?org=${a.tenantId}`,
      '/sessions/nope/page',
      `/sessions/${newId('checkoutSession')}/page`,
    ]) {
      expect((await call(path)).status, path).toBe(404);
    }
  });
});

describe('/internal/checkout: what the page and the payment read', () => {
  it('one call gives the tenant settings and the order, also by session id', async () => {
    const { orderId, sessionId, total } = await orderOf(a);
    const view = checkoutPageViewSchema.parse((await call(`/sessions/${sessionId}/page`)).body);
    expect(view.tenantId).toBe(a.tenantId);
    expect(view.branding.displayName.length).toBeGreaterThan(0);
    expect(view.order).toMatchObject({
      order: { id: orderId, total, status: 'PENDING' },
      paid: false,
      payable: true,
    });
    // the wire carries the page's fields only, never the tenant id or the provider's data
    expect(Object.keys(view.order?.order ?? {})).not.toContain('tenantId');
    const link = checkoutPageViewSchema.parse((await call(`/page?org=${a.tenantId}`)).body);
    expect(link.order).toBeNull();
  });

  it('a change is repriced on the server; a refusal keeps its stable code', async () => {
    const { orderId, total } = await orderOf(a);
    const base = `/orders/${orderId}/changes?org=${a.tenantId}`;
    const applied = await call(base, {
      method: 'POST',
      body: { kind: 'coupon', code: a.couponCodes.percent },
    });
    expect(applied.status).toBe(200);
    const payment = checkoutOrderPaymentSchema.parse(applied.body);
    expect(payment.total).toBeLessThan(total);
    expect(payment).toMatchObject({ payable: true, mode: 'payment', shippingRequired: false });

    const refused = await call(base, { method: 'POST', body: { kind: 'coupon', code: 'NOPE' } });
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'coupon_not_found' } } });
    const invalid = await call(base, { method: 'POST', body: { kind: 'total', total: 1 } });
    expect(invalid).toMatchObject({ status: 400, body: { error: { code: 'validation_error' } } });
    const after = await call(`/orders/${orderId}/payment?org=${a.tenantId}`);
    expect(after.body.total).toBe(payment.total);
  });

  it('a paid order is not payable and cannot be changed (409 order_not_payable)', async () => {
    const { orderId } = await orderOf(a);
    await db.update(orders).set({ status: 'PAID' }).where(eq(orders.id, orderId));
    const payment = await call(`/orders/${orderId}/payment?org=${a.tenantId}`);
    expect(payment.body).toMatchObject({ status: 'PAID', payable: false });
    const page = await call(`/page?org=${a.tenantId}&order=${orderId}`);
    expect(page.body.order).toMatchObject({ paid: true, payable: false });
    const change = await call(`/orders/${orderId}/changes?org=${a.tenantId}`, {
      method: 'POST',
      body: { kind: 'remove_coupon' },
    });
    expect(change).toMatchObject({ status: 409, body: { error: { code: 'order_not_payable' } } });
  });
});
