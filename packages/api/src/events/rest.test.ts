import { createDatabase, type Database, insertApiKey } from '@prood/db';
import { webhookDeliveries } from '@prood/db/schema';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiError } from '../errors';
import { createLogger } from '../logger';
import { restEndpoints } from '../rest/endpoints';
import { createRestApi } from '../rest/router';
import {
  type SeededTenant,
  seedStorefrontTenant,
  unreachableCheckout,
  unreachablePayments,
} from '../testing/fixtures';
import { serveFetchHandler } from '../testing/http';
import { getDeliveryDetail, resendDelivery } from './service';
import type { ResolveHost } from './ssrf';

const resolveHost: ResolveHost = async (host) =>
  host === 'internal.example'
    ? [{ address: '10.0.0.1', family: 4 }]
    : [{ address: '93.184.216.34', family: 4 }];

let db: Database;
let server: Awaited<ReturnType<typeof serveFetchHandler>>;
let a: SeededTenant;
let b: SeededTenant;
let aLiveKey: string;

beforeAll(async () => {
  db = createDatabase(inject('databaseUrl'), { max: 10 });
  const api = createRestApi(restEndpoints, {
    db,
    logger: createLogger({ level: 'silent' }),
    checkoutApp: unreachableCheckout,
    payments: unreachablePayments,
    cartTtlMs: 60 * 60 * 1000,
    resolveHost,
  });
  server = await serveFetchHandler(api.handle);
  [a, b] = await Promise.all([seedStorefrontTenant(db), seedStorefrontTenant(db)]);
  aLiveKey = (await insertApiKey(db, { tenantId: a.tenantId, name: 'live', mode: 'live' })).secret;
});
afterAll(async () => {
  await server?.close();
  await db?.$client.end();
});

async function call(key: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected loosely
  const json: any = text ? JSON.parse(text) : null;
  return { status: response.status, body: json };
}

async function createOrder(tenant: SeededTenant) {
  const res = await call(tenant.apiKey, 'POST', '/v1/orders', {
    items: [{ priceId: tenant.products.tee.priceId, quantity: 1 }],
    customer: { name: 'Ada', email: 'ada@example.com' },
    fulfillment: { method: 'digital' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

describe('POST/GET/PATCH/DELETE /v1/webhook_endpoints', () => {
  it('creates with a secret shown once, lists, updates, rotates and deletes', async () => {
    const created = await call(a.apiKey, 'POST', '/v1/webhook_endpoints', {
      url: 'http://localhost:3000/webhooks',
      enabledEvents: ['order.paid', 'order.refunded'],
      description: 'storefront',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      object: 'webhook_endpoint',
      mode: 'test',
      status: 'enabled',
      enabledEvents: ['order.paid', 'order.refunded'],
    });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const id = created.body.id as string;

    const read = await call(a.apiKey, 'GET', `/v1/webhook_endpoints/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.secret).toBeUndefined();
    const list = await call(a.apiKey, 'GET', '/v1/webhook_endpoints');
    expect(list.body.data.map((e: { id: string }) => e.id)).toContain(id);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');

    const patched = await call(a.apiKey, 'PATCH', `/v1/webhook_endpoints/${id}`, {
      enabledEvents: ['*'],
      disabled: true,
    });
    expect(patched.body).toMatchObject({ enabledEvents: ['*'], status: 'disabled' });

    const rotated = await call(a.apiKey, 'POST', `/v1/webhook_endpoints/${id}/rotate_secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(Date.parse(rotated.body.secretRotatedUntil) - Date.now()).toBeGreaterThan(
      23.9 * 3_600_000,
    );

    expect((await call(a.apiKey, 'DELETE', `/v1/webhook_endpoints/${id}`)).body).toEqual({
      id,
      object: 'webhook_endpoint',
      deleted: true,
    });
    expect((await call(a.apiKey, 'GET', `/v1/webhook_endpoints/${id}`)).status).toBe(404);
  });

  it('refuses bad input with codes', async () => {
    const post = (body: unknown, key = a.apiKey) =>
      call(key, 'POST', '/v1/webhook_endpoints', body);
    expect(
      (await post({ url: 'https://shop.example/h', enabledEvents: ['order.nope'] })).status,
    ).toBe(400);
    expect((await post({ url: 'https://shop.example/h', enabledEvents: [] })).status).toBe(400);
    expect(
      (await post({ url: 'https://shop.example/h', enabledEvents: ['*'], secret: 'mine' })).status,
    ).toBe(400);
    const refused = await post({ url: 'http://127.0.0.1:3000/h', enabledEvents: ['*'] }, aLiveKey);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('webhook_url_refused');
    for (const url of [
      'https://127.0.0.1/h',
      'https://169.254.169.254/latest',
      'https://internal.example/h',
      'https://[::1]/h',
    ]) {
      const res = await post({ url, enabledEvents: ['*'] }, aLiveKey);
      expect(res.body.error?.code, url).toBe('webhook_url_refused');
    }
    const live = await post({ url: 'https://shop.example/h', enabledEvents: ['*'] }, aLiveKey);
    expect(live.status).toBe(201);
    expect(live.body.mode).toBe('live');
    // a live endpoint cannot be moved to a private address either
    const moved = await call(aLiveKey, 'PATCH', `/v1/webhook_endpoints/${live.body.id}`, {
      url: 'https://internal.example/h',
    });
    expect(moved.body.error.code).toBe('webhook_url_refused');
  });
});

describe('GET /v1/events', () => {
  it('pages with cursors, filters by type and created range, and reads one event', async () => {
    const tenant = await seedStorefrontTenant(db);
    const orders = [];
    for (let i = 0; i < 3; i += 1) orders.push(await createOrder(tenant));
    await call(tenant.apiKey, 'POST', `/v1/orders/${orders[0]?.id}/cancel`);

    const all = await call(tenant.apiKey, 'GET', '/v1/events');
    expect(all.status).toBe(200);
    expect(all.body.data.map((e: { type: string }) => e.type)).toEqual([
      'order.canceled',
      'order.created',
      'order.created',
      'order.created',
    ]);
    const sequences = all.body.data.map((e: { sequence: number }) => e.sequence);
    expect([...sequences].sort((x, y) => y - x)).toEqual(sequences);
    expect(new Set(sequences).size).toBe(4);
    expect(all.body.data[1]).toMatchObject({
      object: 'event',
      apiVersion: '2026-12-01',
      data: { object: { id: orders[2]?.id, object: 'order', status: 'PENDING' } },
    });
    expect(all.body.data[0].data).toMatchObject({
      object: { id: orders[0]?.id, status: 'CANCELED' },
      previousAttributes: { status: 'PENDING' },
    });

    const first = await call(tenant.apiKey, 'GET', '/v1/events?limit=2');
    expect(first.body.hasMore).toBe(true);
    const next = await call(
      tenant.apiKey,
      'GET',
      `/v1/events?limit=2&startingAfter=${first.body.data[1].id}`,
    );
    expect(next.body.hasMore).toBe(false);
    expect([...first.body.data, ...next.body.data].map((e: { id: string }) => e.id)).toEqual(
      all.body.data.map((e: { id: string }) => e.id),
    );
    // what happened since the oldest: the closest events first in the page, newest on top
    const oldest = all.body.data[3].id;
    const since = await call(tenant.apiKey, 'GET', `/v1/events?limit=2&endingBefore=${oldest}`);
    expect(since.body.data.map((e: { id: string }) => e.id)).toEqual([
      all.body.data[1].id,
      all.body.data[2].id,
    ]);
    expect(since.body.hasMore).toBe(true);

    const canceled = await call(tenant.apiKey, 'GET', '/v1/events?type=order.canceled,order.paid');
    expect(canceled.body.data).toHaveLength(1);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(
      (await call(tenant.apiKey, 'GET', `/v1/events?createdFrom=${future}`)).body.data,
    ).toEqual([]);
    expect(
      (await call(tenant.apiKey, 'GET', `/v1/events?createdBefore=${future}`)).body.data,
    ).toHaveLength(4);
    expect((await call(tenant.apiKey, 'GET', '/v1/events?type=order.nope')).status).toBe(400);
    expect((await call(tenant.apiKey, 'GET', '/v1/events?createdFrom=yesterday')).status).toBe(400);

    const one = await call(tenant.apiKey, 'GET', `/v1/events/${oldest}`);
    expect(one.body).toEqual(all.body.data[3]);
  });
});

describe('tenant isolation', () => {
  it("tenant B cannot list, read, change or resend tenant A's endpoints, events or deliveries", async () => {
    const endpoint = await call(a.apiKey, 'POST', '/v1/webhook_endpoints', {
      url: 'http://localhost:3999/hooks',
      enabledEvents: ['*'],
    });
    const order = await createOrder(a);
    const events = await call(a.apiKey, 'GET', '/v1/events?type=order.created&limit=1');
    const event = events.body.data[0];
    expect(event.data.object.id).toBe(order.id);
    const [delivery] = await db
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.eventId, event.id),
          eq(webhookDeliveries.endpointId, endpoint.body.id),
        ),
      );
    expect(delivery).toBeDefined();

    const id = endpoint.body.id as string;
    expect((await call(b.apiKey, 'GET', `/v1/webhook_endpoints/${id}`)).status).toBe(404);
    expect(
      (await call(b.apiKey, 'PATCH', `/v1/webhook_endpoints/${id}`, { disabled: true })).status,
    ).toBe(404);
    expect((await call(b.apiKey, 'POST', `/v1/webhook_endpoints/${id}/rotate_secret`)).status).toBe(
      404,
    );
    expect((await call(b.apiKey, 'DELETE', `/v1/webhook_endpoints/${id}`)).status).toBe(404);
    expect((await call(b.apiKey, 'GET', '/v1/webhook_endpoints')).body.data).toEqual([]);
    expect((await call(b.apiKey, 'GET', `/v1/events/${event.id}`)).status).toBe(404);
    expect((await call(b.apiKey, 'GET', `/v1/events?startingAfter=${event.id}`)).status).toBe(404);
    const bEvents = await call(b.apiKey, 'GET', '/v1/events?limit=100');
    expect(bEvents.body.data.map((e: { id: string }) => e.id)).not.toContain(event.id);

    const bScope = { db, tenantId: b.tenantId, resolveHost };
    const deliveryId = delivery?.id ?? '';
    await expect(resendDelivery(bScope, deliveryId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getDeliveryDetail(bScope, deliveryId)).rejects.toBeInstanceOf(ApiError);
    // A's own endpoint is untouched and still works
    expect((await call(a.apiKey, 'GET', `/v1/webhook_endpoints/${id}`)).body.status).toBe(
      'enabled',
    );
    const resent = await resendDelivery({ db, tenantId: a.tenantId, resolveHost }, deliveryId);
    expect(resent.status).toBe('pending');
  });
});
