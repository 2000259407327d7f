import { createDatabase, type Database } from '@prood/db';
import { cartItems, carts, orders, prices, products, providerCustomers } from '@prood/db/schema';
import { newId } from '@prood/validators';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../logger';
import { recordDocumentedStatuses, testRateLimiter } from '../testing/documented-statuses';
import {
  type SeededTenant,
  seedStorefrontTenant,
  unreachableCheckout,
  unreachablePayments,
} from '../testing/fixtures';
import { serveFetchHandler } from '../testing/http';
import { restEndpoints } from './endpoints';
import { createRestApi } from './router';

let db: Database;
let server: Awaited<ReturnType<typeof serveFetchHandler>>;
let a: SeededTenant;
let b: SeededTenant;

const documented = recordDocumentedStatuses();

beforeAll(async () => {
  db = createDatabase(inject('databaseUrl'), { max: 10 });
  const api = createRestApi(restEndpoints, {
    rateLimiter: testRateLimiter(),
    onResponse: documented.record,
    db,
    logger: createLogger({ level: 'silent' }),
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
  tenant: SeededTenant | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(tenant ? { authorization: `Bearer ${tenant.apiKey}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected loosely
  const json: any = text ? JSON.parse(text) : null;
  return { status: response.status, body: json, headers: response.headers };
}

const customer = {
  name: 'Ada Shopper',
  email: 'Ada@Example.com',
  address: { line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
};

function orderBody(tenant: SeededTenant, extra: Record<string, unknown> = {}) {
  return {
    items: [
      { priceId: tenant.products.tee.priceId, quantity: 2 },
      { productId: tenant.products.beans.productId, quantity: 1 },
    ],
    customer,
    fulfillment: { method: 'shipping' },
    ...extra,
  };
}

describe('POST /v1/orders', () => {
  it('refuses client-sent amounts as unknown fields, naming each, and writes nothing', async () => {
    const before = await db.select().from(orders).where(eq(orders.tenantId, a.tenantId));
    const tampered = await call(a, 'POST', '/v1/orders', {
      ...orderBody(a, { couponCode: a.couponCodes.percent }),
      total: 1,
      subtotal: 1,
      items: [
        { priceId: a.products.tee.priceId, quantity: 2, unitAmount: 1, price: 1 },
        { productId: a.products.beans.productId, quantity: 1, total: 1 },
      ],
    });
    expect(tampered.status).toBe(400);
    expect(tampered.body.error.code).toBe('validation_error');
    expect(tampered.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'items.0.price',
      'items.0.unitAmount',
      'items.1.total',
      'subtotal',
      'total',
    ]);
    const after = await db.select().from(orders).where(eq(orders.tenantId, a.tenantId));
    expect(after).toHaveLength(before.length);
  });

  it('computes totals on the server from its prices, coupon and tax', async () => {
    const res = await call(
      a,
      'POST',
      '/v1/orders',
      orderBody(a, { couponCode: a.couponCodes.percent }),
    );
    expect(res.status).toBe(201);
    // tee 2 × 2500 = 5000, beans 1290; 10 % off per line: 500 + 129; 19 % VAT per line:
    // round(4500 × 0.19) = 855, round(1161 × 0.19) = 220.59 → 221
    expect(res.body).toMatchObject({
      object: 'order',
      status: 'PENDING',
      currency: 'EUR',
      subtotal: 6290,
      discountTotal: 629,
      taxTotal: 1076,
      total: 6290 - 629 + 1076,
      couponCode: a.couponCodes.percent,
    });
    expect(res.body.reference).toMatch(/^#[0-9A-Z]{8}$/);
    expect(res.body.customer.email).toBe('ada@example.com');
    expect(res.body.items.map((i: { total: number }) => i.total)).toEqual([4500 + 855, 1161 + 221]);
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('applies no tax without a matching rate and a fixed coupon above its minimum', async () => {
    const res = await call(a, 'POST', '/v1/orders', {
      items: [{ priceId: a.products.tee.priceId, quantity: 1 }],
      customer: { name: 'Bo', email: 'bo@example.com', country: 'FR' },
      fulfillment: { method: 'digital' },
      couponCode: a.couponCodes.fixed,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      subtotal: 2500,
      discountTotal: 500,
      taxTotal: 0,
      total: 2000,
    });
  });

  it.each([
    [
      'inactive product',
      (t: SeededTenant) => ({ items: [{ productId: t.products.retired.productId, quantity: 1 }] }),
      422,
      'product_inactive',
    ],
    [
      'out of stock',
      (t: SeededTenant) => ({ items: [{ priceId: t.products.tee.priceId, quantity: 6 }] }),
      409,
      'out_of_stock',
    ],
    [
      'expired coupon',
      (t: SeededTenant) => ({ couponCode: t.couponCodes.expired }),
      422,
      'coupon_expired',
    ],
    [
      'exhausted coupon',
      (t: SeededTenant) => ({ couponCode: t.couponCodes.exhausted }),
      422,
      'coupon_exhausted',
    ],
    ['unknown coupon', () => ({ couponCode: 'NOPE' }), 422, 'coupon_not_found'],
    [
      'fixed coupon below minimum',
      (t: SeededTenant) => ({
        items: [{ priceId: t.products.ebook.priceId, quantity: 1 }],
        couponCode: t.couponCodes.fixed,
      }),
      422,
      'coupon_minimum_not_met',
    ],
    [
      'mixed one-off and recurring',
      (t: SeededTenant) => ({
        items: [
          { priceId: t.products.club.priceId, quantity: 1 },
          { priceId: t.products.ebook.priceId, quantity: 1 },
        ],
      }),
      422,
      'recurring_price_not_allowed',
    ],
  ])('refuses %s with a distinct code and writes nothing', async (_, extra, status, code) => {
    const before = await db.select().from(orders).where(eq(orders.tenantId, a.tenantId));
    const res = await call(a, 'POST', '/v1/orders', orderBody(a, extra(a)));
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toEqual(expect.any(String));
    const after = await db.select().from(orders).where(eq(orders.tenantId, a.tenantId));
    expect(after.length).toBe(before.length);
  });

  it('answers bad input with 400 naming the field, never 500', async () => {
    const invalid = await call(a, 'POST', '/v1/orders', {
      items: [{ priceId: a.products.tee.priceId, quantity: 0 }],
      customer: { name: '', email: 'not-an-email' },
      fulfillment: { method: 'teleport' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('validation_error');
    const fields = invalid.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'items.0.quantity',
        'customer.name',
        'customer.email',
        'fulfillment.method',
      ]),
    );

    const broken = await call(a, 'POST', '/v1/orders', '{"items": [', {
      'content-type': 'application/json',
    });
    expect(broken).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });

    const noAddress = await call(a, 'POST', '/v1/orders', {
      ...orderBody(a),
      customer: { name: 'X', email: 'x@example.com' },
    });
    expect(noAddress.status).toBe(400);
    expect(noAddress.body.error.details[0].field).toBe('customer.address');
  });

  it('refuses open redirects', async () => {
    for (const returnUrl of [
      '//evil.example/x',
      'https://evil.example/x',
      'javascript:alert(1)',
      'http://shop.example/x',
      'https://user:pw@shop.example/',
    ]) {
      const res = await call(a, 'POST', '/v1/orders', orderBody(a, { returnUrl }));
      expect([400, 422], returnUrl).toContain(res.status);
      expect(['validation_error', 'invalid_redirect_url'], returnUrl).toContain(
        res.body.error.code,
      );
    }
    const ok = await call(
      a,
      'POST',
      '/v1/orders',
      orderBody(a, { returnUrl: 'https://shop.example/thanks?x=1' }),
    );
    expect(ok.status).toBe(201);
    expect(ok.body.returnUrl).toBe('https://shop.example/thanks?x=1');
  });

  it('requires a valid secret key', async () => {
    expect((await call(null, 'GET', '/v1/orders')).status).toBe(401);
    const wrong = await call(
      { ...a, apiKey: 'sk_test_00000000000000000000000000000000' },
      'GET',
      '/v1/orders',
    );
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
  });
});

describe('fulfilment methods of products', () => {
  it('lists them with the image and refuses an order whose method a product does not allow', async () => {
    const productId = newId('product');
    const priceId = newId('price');
    await db.insert(products).values({
      id: productId,
      tenantId: a.tenantId,
      name: 'Font licence',
      imageUrl: 'https://img.example/font.png',
      fulfillmentMethods: ['digital'],
    });
    await db
      .insert(prices)
      .values({ id: priceId, tenantId: a.tenantId, productId, currency: 'EUR', unitAmount: 4900 });
    const listed = await call(a, 'GET', `/v1/products/${productId}`);
    expect(listed.body).toMatchObject({
      imageUrl: 'https://img.example/font.png',
      fulfillmentMethods: ['digital'],
    });
    const seeded = await call(a, 'GET', `/v1/products/${a.products.tee.productId}`);
    expect(seeded.body).toMatchObject({
      imageUrl: null,
      fulfillmentMethods: ['shipping', 'local_delivery', 'pickup', 'digital'],
    });

    const before = await db.select().from(orders).where(eq(orders.tenantId, a.tenantId));
    const shipped = await call(a, 'POST', '/v1/orders', {
      items: [
        { priceId: a.products.tee.priceId, quantity: 1 },
        { priceId, quantity: 1 },
      ],
      customer,
      fulfillment: { method: 'shipping' },
    });
    expect(shipped.status).toBe(400);
    expect(shipped.body.error).toMatchObject({
      code: 'validation_error',
      message: '“Font licence” cannot be fulfilled by shipping; it allows digital.',
      details: { field: 'fulfillment.method', productId, allowed: ['digital'] },
    });
    expect(await db.select().from(orders).where(eq(orders.tenantId, a.tenantId))).toHaveLength(
      before.length,
    );
    const digital = await call(a, 'POST', '/v1/orders', {
      items: [{ priceId, quantity: 1 }],
      customer,
      fulfillment: { method: 'digital' },
    });
    expect(digital.status).toBe(201);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first response and creates one order', async () => {
    const key = `idem-${Date.now()}`;
    const first = await call(a, 'POST', '/v1/orders', orderBody(a), { 'idempotency-key': key });
    const second = await call(a, 'POST', '/v1/orders', orderBody(a), { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const rows = await db.select().from(orders).where(eq(orders.id, first.body.id));
    expect(rows).toHaveLength(1);
  });

  it('refuses a key reused with a different body (422)', async () => {
    const key = `idem-reuse-${Date.now()}`;
    await call(a, 'POST', '/v1/orders', orderBody(a), { 'idempotency-key': key });
    const reused = await call(
      a,
      'POST',
      '/v1/orders',
      orderBody(a, { couponCode: a.couponCodes.percent }),
      {
        'idempotency-key': key,
      },
    );
    expect(reused).toMatchObject({
      status: 422,
      body: { error: { code: 'idempotency_key_reused' } },
    });
  });

  it('keeps keys per tenant and runs concurrent duplicates once', async () => {
    const key = `idem-race-${Date.now()}`;
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        call(a, 'POST', '/v1/orders', orderBody(a), { 'idempotency-key': key }),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const r of results) expect([201, 409]).toContain(r.status);
    // the same key in another tenant is another request
    const other = await call(b, 'POST', '/v1/orders', orderBody(b), { 'idempotency-key': key });
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(created[0]?.body.id);
  });
});

describe('carts', () => {
  it('add, update, remove, then order from the cart once', async () => {
    const created = await call(a, 'POST', '/v1/carts', {
      items: [{ priceId: a.products.beans.priceId, quantity: 1 }],
    });
    expect(created.status).toBe(201);
    const cartId = created.body.id;
    const added = await call(a, 'POST', `/v1/carts/${cartId}/items`, {
      priceId: a.products.beans.priceId,
      quantity: 2,
    });
    expect(added.body.items).toHaveLength(1);
    expect(added.body.items[0].quantity).toBe(3);
    const tee = await call(a, 'POST', `/v1/carts/${cartId}/items`, {
      productId: a.products.tee.productId,
      quantity: 1,
    });
    const teeItem = tee.body.items.find(
      (i: { priceId: string }) => i.priceId === a.products.tee.priceId,
    );
    const tooMany = await call(a, 'PATCH', `/v1/carts/${cartId}/items/${teeItem.id}`, {
      quantity: 50,
    });
    expect(tooMany).toMatchObject({ status: 409, body: { error: { code: 'out_of_stock' } } });
    const updated = await call(a, 'PATCH', `/v1/carts/${cartId}/items/${teeItem.id}`, {
      quantity: 2,
    });
    expect(updated.body.subtotal).toBe(3 * 1290 + 2 * 2500);
    const beansItem = updated.body.items.find(
      (i: { priceId: string }) => i.priceId === a.products.beans.priceId,
    );
    const removed = await call(a, 'DELETE', `/v1/carts/${cartId}/items/${beansItem.id}`);
    expect(removed.body.items).toHaveLength(1);

    const order = await call(a, 'POST', '/v1/orders', {
      cartId,
      customer,
      fulfillment: { method: 'shipping' },
    });
    expect(order.status).toBe(201);
    expect(order.body.subtotal).toBe(5000);
    const again = await call(a, 'POST', '/v1/orders', {
      cartId,
      customer,
      fulfillment: { method: 'shipping' },
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'cart_closed' } } });
    const closed = await call(a, 'POST', `/v1/carts/${cartId}/items`, {
      priceId: a.products.beans.priceId,
      quantity: 1,
    });
    expect(closed.body.error.code).toBe('cart_closed');
  });
});

describe('orders list and cancel', () => {
  it('filters by status and cancels only unpaid orders', async () => {
    const tenant = await seedStorefrontTenant(db);
    const o1 = await call(tenant, 'POST', '/v1/orders', orderBody(tenant));
    const o2 = await call(tenant, 'POST', '/v1/orders', orderBody(tenant));
    await db.update(orders).set({ status: 'PAID' }).where(eq(orders.id, o2.body.id));
    const unpaid = await call(tenant, 'GET', '/v1/orders?unpaid=true');
    expect(unpaid.body.data.map((o: { id: string }) => o.id)).toEqual([o1.body.id]);
    const paid = await call(tenant, 'GET', '/v1/orders?status=PAID,FULFILLED');
    expect(paid.body.data.map((o: { id: string }) => o.id)).toEqual([o2.body.id]);
    expect((await call(tenant, 'GET', '/v1/orders?status=BOGUS')).status).toBe(400);

    expect((await call(tenant, 'POST', `/v1/orders/${o1.body.id}/cancel`)).body.status).toBe(
      'CANCELED',
    );
    const refused = await call(tenant, 'POST', `/v1/orders/${o2.body.id}/cancel`);
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
  });
});

describe('tenant isolation', () => {
  it('answers 404 to every route called with another tenant’s ids, and changes nothing', async () => {
    const orderB = await call(b, 'POST', '/v1/orders', orderBody(b));
    const cartB = await call(b, 'POST', '/v1/carts', {
      items: [{ priceId: b.products.beans.priceId, quantity: 1 }],
    });
    const itemB = cartB.body.items[0].id;
    const customerB = newId('customer');
    await db.insert(providerCustomers).values({
      id: customerB,
      tenantId: b.tenantId,
      provider: 'sandbox',
      email: 'b@example.com',
      providerCustomerId: 'sbx_cus_b',
    });
    const snapshot = async () => ({
      order: await db.select().from(orders).where(eq(orders.id, orderB.body.id)),
      cart: await db.select().from(carts).where(eq(carts.id, cartB.body.id)),
      items: await db.select().from(cartItems).where(eq(cartItems.cartId, cartB.body.id)),
    });
    const before = await snapshot();

    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/v1/products/${b.products.tee.productId}`],
      ['GET', `/v1/orders/${orderB.body.id}`],
      ['POST', `/v1/orders/${orderB.body.id}/cancel`],
      ['POST', `/v1/orders/${orderB.body.id}/checkout`, {}],
      ['POST', `/v1/orders/${orderB.body.id}/confirm`, { sessionId: 'cs_x' }],
      ['GET', `/v1/carts/${cartB.body.id}`],
      [
        'POST',
        `/v1/carts/${cartB.body.id}/items`,
        { priceId: a.products.beans.priceId, quantity: 1 },
      ],
      ['PATCH', `/v1/carts/${cartB.body.id}/items/${itemB}`, { quantity: 3 }],
      ['DELETE', `/v1/carts/${cartB.body.id}/items/${itemB}`],
      ['POST', '/v1/orders', orderBody(b)],
      [
        'POST',
        '/v1/orders',
        { cartId: cartB.body.id, customer, fulfillment: { method: 'shipping' } },
      ],
      ['POST', '/v1/carts', { items: [{ priceId: b.products.beans.priceId, quantity: 1 }] }],
      ['POST', `/v1/orders/${orderB.body.id}/refunds`, { amount: 100 }],
      ['POST', `/v1/customers/${customerB}/billing-portal`, { returnUrl: 'https://shop.example/' }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await call(a, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect(await snapshot()).toEqual(before);
    const list = await call(a, 'GET', '/v1/orders?limit=200');
    expect(list.body.data.some((o: { id: string }) => o.id === orderB.body.id)).toBe(false);
    const catalog = await call(a, 'GET', '/v1/products');
    expect(catalog.body.data.some((p: { id: string }) => p.id === b.products.tee.productId)).toBe(
      false,
    );
  });
});

describe('OpenAPI', () => {
  it('documents every operation from the same schemas, without auth', async () => {
    const res = await call(null, 'GET', '/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const endpoint of restEndpoints) {
      expect(res.body.paths[endpoint.path]?.[endpoint.method.toLowerCase()]?.operationId).toBe(
        endpoint.operationId,
      );
    }
    const createOrder = res.body.paths['/v1/orders'].post;
    const ref = createOrder.requestBody.content['application/json'].schema.$ref as string;
    const name = ref.replace('#/components/schemas/', '');
    expect(res.body.components.schemas[name].properties.customer).toBeDefined();
    // every reference resolves
    for (const match of JSON.stringify(res.body).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      expect(res.body.components.schemas[match[1] as string], match[1]).toBeDefined();
    }
    expect(createOrder.responses['422'].description).toContain('coupon_expired');
  });

  it('answers unknown routes and methods with codes', async () => {
    expect((await call(a, 'GET', '/v1/nope')).body.error.code).toBe('not_found');
    expect((await call(a, 'PUT', '/v1/orders')).body.error.code).toBe('method_not_allowed');
  });
});
