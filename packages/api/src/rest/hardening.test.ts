import { createDatabase, type Database } from '@prood/db';
import { orders } from '@prood/db/schema';
import { createRateLimiter } from '@prood/http/rate-limit';
import { newId } from '@prood/validators';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../logger';
import type { CheckoutAppClient } from '../services/checkout-app-client';
import { recordDocumentedStatuses } from '../testing/documented-statuses';
import { type SeededTenant, seedStorefrontTenant } from '../testing/fixtures';
import { serveFetchHandler } from '../testing/http';
import { restEndpoints } from './endpoints';
import { createRestApi } from './router';

// The checkout app is out of scope here: sessions are made up, so only the API edge is tested.
const checkoutApp: CheckoutAppClient = {
  createSession: async (request) => {
    const id = newId('checkoutSession');
    return {
      id,
      url: `http://checkout.test/c/${id}`,
      status: 'open',
      paymentStatus: 'unpaid',
      expiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
      orderId: request.orderId,
    };
  },
  getSession: async () => null,
  cancelSession: () => Promise.reject(new Error('no session is canceled in this test')),
  createPaymentLink: async () => {
    const id = newId('paymentLink');
    return { id, url: `http://checkout.test/c/${id}` };
  },
};

let db: Database;
let server: Awaited<ReturnType<typeof serveFetchHandler>>;
let a: SeededTenant;
const documented = recordDocumentedStatuses();

beforeAll(async () => {
  db = createDatabase(inject('databaseUrl'), { max: 10 });
  const api = createRestApi(restEndpoints, {
    db,
    logger: createLogger({ level: 'silent' }),
    checkoutApp,
    payments: {
      resolveProvider: () => Promise.reject(new Error('no provider expected in this test')),
      jobs: { enqueue: () => Promise.reject(new Error('no jobs expected in this test')) },
    },
    cartTtlMs: 60 * 60 * 1000,
    rateLimiter: createRateLimiter({
      prefix: `test:${newId('request')}`,
      policies: { sessionCreation: { limit: 5, window: '1 m' } },
    }),
    onResponse: documented.record,
  });
  server = await serveFetchHandler(api.handle);
  a = await seedStorefrontTenant(db);
});

afterAll(async () => {
  await server.close();
  await db.$client.end();
});

interface Sent {
  method?: string;
  body?: string;
  headers?: Record<string, string>;
  key?: string | null;
}

async function send(path: string, { method = 'POST', body, headers = {}, key }: Sent = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(key === null ? {} : { authorization: `Bearer ${key ?? a.apiKey}` }),
      ...headers,
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    headers: response.headers,
    // biome-ignore lint/suspicious/noExplicitAny: responses are inspected loosely
    body: JSON.parse(text) as any,
  };
}

const json = { 'content-type': 'application/json' };
const orderJson = (customer: Record<string, unknown>) =>
  JSON.stringify({
    items: [{ priceId: a.products.tee.priceId, quantity: 1 }],
    customer: {
      name: 'Ada',
      email: 'ada@example.com',
      address: { line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
      ...customer,
    },
    fulfillment: { method: 'shipping' },
  });

async function orderCount() {
  return (await db.select().from(orders).where(eq(orders.tenantId, a.tenantId))).length;
}

describe('text Postgres cannot store', () => {
  it.each([
    ['a NUL in the name', { name: 'Ada\u0000Lovelace' }, 'customer.name', 'NUL'],
    [
      'a lone surrogate in the address',
      {
        address: { line1: 'Hauptstr. \ud800', city: 'Berlin', postalCode: '10115', country: 'DE' },
      },
      'customer.address.line1',
      'surrogate',
    ],
  ])(
    '%s is refused with 400 and the field path, nothing written',
    async (_, customer, field, why) => {
      const before = await orderCount();
      const res = await send('/v1/orders', { body: orderJson(customer), headers: json });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_error');
      expect(res.body.error.details).toEqual([{ field, message: expect.stringContaining(why) }]);
      expect(await orderCount()).toBe(before);
    },
  );

  it('a NUL in the query string is refused as a malformed URL', async () => {
    const res = await send('/v1/orders?status=PAID%00', { method: 'GET' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_url');
  });
});

describe('content types', () => {
  it.each([['text/plain'], [undefined]])(
    'a JSON body sent as %s gets 415 and creates nothing',
    async (type) => {
      const before = await orderCount();
      const res = await send('/v1/orders', {
        body: orderJson({}),
        headers: type ? { 'content-type': type } : {},
      });
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('unsupported_media_type');
      expect(await orderCount()).toBe(before);
    },
  );

  it('application/json with a charset is fine', async () => {
    const res = await send('/v1/orders', {
      body: orderJson({}),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(res.status).toBe(201);
  });
});

describe('unknown fields', () => {
  it('checkout start names each unknown field instead of ignoring it', async () => {
    const order = await send('/v1/orders', { body: orderJson({}), headers: json });
    const res = await send(`/v1/orders/${order.body.id}/checkout`, {
      // expiresIn is a real field of checkout start; the amount and currency are not
      body: '{"expiresIn":1800,"amount":1,"currency":"usd"}',
      headers: json,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { field: 'amount', message: 'is not a known field' },
      { field: 'currency', message: 'is not a known field' },
    ]);
  });

  it('nested unknown fields carry their path', async () => {
    const res = await send('/v1/orders', { body: orderJson({ vip: true }), headers: json });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { field: 'customer.vip', message: 'is not a known field' },
    ]);
  });

  it('every request body object in the API is strict (documented as additionalProperties: false)', async () => {
    const loose: string[] = [];
    let checked = 0;
    const visit = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      if (schema.type === 'object' && schema.properties) {
        checked += 1;
        if (schema.additionalProperties !== false) loose.push(where);
      }
      for (const [key, child] of Object.entries(schema)) visit(child, `${where}.${key}`);
    };
    const doc = (await send('/v1/openapi.json', { method: 'GET' })).body;
    for (const [path, item] of Object.entries(
      doc.paths as Record<string, Record<string, { requestBody?: unknown }>>,
    )) {
      for (const [method, op] of Object.entries(item)) visit(op.requestBody, `${method} ${path}`);
    }
    for (const [name, schema] of Object.entries(
      doc.components.schemas as Record<string, unknown>,
    )) {
      if (/Request|Input$|^Address|^Customer$|^Fulfillment$/.test(name)) visit(schema, name);
    }
    expect(loose).toEqual([]);
    expect(checked).toBeGreaterThan(8);
  });
});

describe('malformed URLs and oversized bodies', () => {
  it.each([['/v1/orders/%E0%A4%A'], ['/v1/orders/ord_%zz'], ['/v1/carts/%C0%AF/items']])(
    '%s gets the JSON error shape',
    async (path) => {
      const res = await send(path, { method: 'GET' });
      expect(res.status).toBe(400);
      expect(res.contentType).toMatch(/^application\/json/);
      expect(res.body.error.code).toBe('invalid_url');
    },
  );

  it('a body over 1 MB gets 413', async () => {
    const res = await send('/v1/orders', {
      body: orderJson({ name: 'x'.repeat(1_100_000) }),
      headers: json,
    });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({
      code: 'payload_too_large',
      details: { maxBytes: 1_000_000 },
    });
  });
});

describe('rate limits', () => {
  it('200 wrong API keys in a burst from one IP: 20 get 401, the rest 429 with Retry-After and RateLimit-*', async () => {
    const ip = { 'x-forwarded-for': '203.0.113.7' };
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        send('/v1/products', { method: 'GET', key: `sk_test_wrong${i}`, headers: ip }),
      ),
    );
    const by = (status: number) => results.filter((r) => r.status === status);
    expect(by(401)).toHaveLength(20);
    expect(by(429)).toHaveLength(180);
    const limited = by(429)[0];
    expect(limited?.body.error.code).toBe('rate_limited');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited?.headers.get('ratelimit-limit')).toBe('20');
    expect(limited?.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(limited?.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    // that IP is locked out even with a good key; another IP is not
    expect((await send('/v1/products', { method: 'GET', headers: ip })).status).toBe(429);
    const other = await send('/v1/products', {
      method: 'GET',
      headers: { 'x-forwarded-for': '203.0.113.8' },
    });
    expect(other.status).toBe(200);
  });

  it('session creation is limited per tenant', async () => {
    const order = await send('/v1/orders', { body: orderJson({}), headers: json });
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        send('/v1/payment-links', {
          body: JSON.stringify({ amount: 500, currency: 'EUR', description: 'Invoice' }),
          headers: json,
        }),
      ),
    );
    expect(order.status).toBe(201);
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 429)).toHaveLength(3);
    // another tenant still creates sessions
    const b = await seedStorefrontTenant(db);
    const res = await send('/v1/payment-links', {
      key: b.apiKey,
      body: JSON.stringify({ amount: 500, currency: 'EUR', description: 'Invoice' }),
      headers: json,
    });
    expect(res.status).toBe(201);
  });
});
