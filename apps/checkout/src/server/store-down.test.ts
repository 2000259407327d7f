import type { Order } from '@prood/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

// The modules under test read DATABASE_URL when they are first imported: set it, then import.
process.env.DATABASE_URL = inject('databaseUrl');
process.env.SKIP_ENV_VALIDATION = '1';
// the page asks the commerce API for orders: its real internal router, on a local port
const SECRET = 'store-down-test-secret-0123456789';
process.env.CHECKOUT_API_SECRET = SECRET;
const { createLogger } = await import('@prood/api');
const { createInternalCheckoutApi } = await import('@prood/api/rest');
const { serveFetchHandler, unreachableCheckout, unreachablePayments } = await import(
  '@prood/api/testing'
);
const { configureSessionStore, createMemorySessionStore } = await import('@prood/checkout-host');
const { getDatabase } = await import('@prood/db');
const { createTestOrder, createTestTenant } = await import('@prood/db/testing');
const { newId } = await import('@prood/validators');

type OrderStatus = Order['status'];

/** The session store as it is when Upstash cannot be reached: every command fails. */
const down = () => Promise.reject(new Error('fetch failed: connect ECONNREFUSED'));
const unreachable = {
  ...createMemorySessionStore(),
  get: down,
  create: down,
  compareAndSet: down,
  claimExpired: down,
  ackExpired: down,
};

const db = getDatabase();
const api = await serveFetchHandler(
  createInternalCheckoutApi({
    db,
    logger: createLogger({ level: 'silent' }),
    checkoutSecret: SECRET,
    checkoutApp: unreachableCheckout,
    payments: unreachablePayments,
    cartTtlMs: 60_000,
  }).handle,
);
process.env.COMMERCE_API_URL = api.url;
const { STORE_DOWN_HEADER } = await import('../i18n/headers');
const { loadCheckoutView } = await import('./checkout-view');
const { decideCheckoutRequest } = await import('./csp');
const { STORE_RETRY_AFTER_SECONDS } = await import('./store-down');
let merchant: string;
let tenantId: string;

/** An order of the tenant that names checkout session `cs_…` (as checkout start writes it). */
async function orderWithSession(status: OrderStatus): Promise<string> {
  const order = await createTestOrder(db, { tenantId, total: 2590 });
  const sessionId = newId('checkoutSession');
  await db.$client`
    update orders set status = ${status}, checkout_session_id = ${sessionId} where id = ${order.id}`;
  return sessionId;
}

beforeAll(async () => {
  const tenant = await createTestTenant(db, { name: 'Kaffeerösterei Süd' });
  tenantId = tenant.id;
  merchant = tenant.name;
  configureSessionStore(unreachable);
});
afterAll(async () => {
  configureSessionStore(undefined);
  await api.close().catch(() => undefined);
  await db.$client.end();
});

const storeDownHeaders = { requestHeaders: { [STORE_DOWN_HEADER]: '1' } };

describe('/c/{id} while the session store is unreachable', () => {
  it('a payable order: 503 with Retry-After, and the view names the merchant and the order', async () => {
    const id = await orderWithSession('PENDING');
    expect(await decideCheckoutRequest(`/c/${id}`, 'GET')).toEqual({
      rewrite: { pathname: `/c/${id}`, status: 503 },
      headers: { 'Retry-After': String(STORE_RETRY_AFTER_SECONDS) },
      ...storeDownHeaders,
    });
    for (const storeDown of [true, false]) {
      // true: the proxy said so; false: the page finds out itself (the store went down between)
      const loaded = await loadCheckoutView(id, false, storeDown);
      expect(loaded.found && loaded.view.kind).toBe('unavailable');
      if (!loaded.found) continue;
      expect(loaded.view.branding.displayName).toBe(merchant);
      expect(loaded.view.order?.order.total).toBe(2590);
      expect(loaded.view.snapshot).toBeNull();
    }
  });

  it('a paid order keeps its success view (200): Postgres, not the store, knows it was paid', async () => {
    const id = await orderWithSession('PAID');
    expect(await decideCheckoutRequest(`/c/${id}`, 'GET')).toEqual(storeDownHeaders);
    const loaded = await loadCheckoutView(id, false, true);
    expect(loaded.found && loaded.view.kind).toBe('success');
    expect(loaded.found && loaded.view.branding.displayName).toBe(merchant);
  });

  it('a canceled order keeps its canceled view', async () => {
    const id = await orderWithSession('CANCELED');
    expect(await decideCheckoutRequest(`/c/${id}/`, 'HEAD')).toEqual(storeDownHeaders);
    const loaded = await loadCheckoutView(id, false, true);
    expect(loaded.found && loaded.view.kind).toBe('canceled');
  });

  it('an id no order names may be a live payment link: 503, never the not-found page', async () => {
    const id = newId('checkoutSession');
    const decision = await decideCheckoutRequest(`/c/${id}`, 'GET');
    expect(decision?.rewrite).toEqual({ pathname: `/c/${id}`, status: 503 });
    expect(await loadCheckoutView(id, false, true)).toEqual({
      found: false,
      reason: 'unavailable',
    });
  });

  it('routes under the id and form posts are only told the store is down', async () => {
    const id = await orderWithSession('PENDING');
    expect(await decideCheckoutRequest(`/c/${id}/status`, 'GET')).toEqual(storeDownHeaders);
    expect(await decideCheckoutRequest(`/c/${id}`, 'POST')).toEqual(storeDownHeaders);
  });

  it('a malformed id is still not found, and with the store back an unknown id is 404', async () => {
    const notFound = { rewrite: { pathname: '/c/not-found', status: 404 } };
    expect(await decideCheckoutRequest('/c/not-a-session!', 'GET')).toEqual(notFound);
    configureSessionStore(createMemorySessionStore());
    try {
      const id = newId('checkoutSession');
      expect(await decideCheckoutRequest(`/c/${id}`, 'GET')).toEqual(notFound);
      const pending = await orderWithSession('PENDING');
      // back up: an order whose session is gone from the store is the expired view again
      expect(await decideCheckoutRequest(`/c/${pending}`, 'GET')).toBeUndefined();
      const loaded = await loadCheckoutView(pending);
      expect(loaded.found && loaded.view.kind).toBe('expired');
    } finally {
      configureSessionStore(unreachable);
    }
  });

  // last: it stops the API
  it('with the commerce API down too, the page is "unavailable", never a crash', async () => {
    const id = await orderWithSession('PENDING');
    await api.close();
    expect(await decideCheckoutRequest(`/c/${id}`, 'GET')).toMatchObject({
      rewrite: { pathname: `/c/${id}`, status: 503 },
    });
    expect(await loadCheckoutView(id, false, true)).toEqual({
      found: false,
      reason: 'unavailable',
    });
    configureSessionStore(createMemorySessionStore());
    try {
      // the store answers but the API does not: an expired session's page cannot be known
      expect(await decideCheckoutRequest(`/c/${id}`, 'GET')).toBeUndefined();
      expect(await loadCheckoutView(id)).toEqual({ found: false, reason: 'unavailable' });
    } finally {
      configureSessionStore(unreachable);
    }
  });
});
