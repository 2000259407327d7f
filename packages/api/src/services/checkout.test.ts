import {
  createMemorySessionStore,
  loadAndHydrate,
  loadSession,
  type SessionStore,
  saveSession,
} from '@prood/checkout-host';
import { createDatabase, type Database } from '@prood/db';
import { fulfillmentLog, orders, paymentAttempts } from '@prood/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createPayableOrder,
  createPaymentsHarness,
  createSandboxTenant,
  ingestSandboxEvent,
  type PaymentsHarness,
  providerFor,
  type SandboxTenant,
  startSandboxPayment,
} from '../payments/testing';
import { restEndpoints } from '../rest/endpoints';
import { createRestApi } from '../rest/router';
import { createInProcessCheckoutApp } from '../testing/checkout-app';
import { serveFetchHandler } from '../testing/http';

/*
 * Checkout start and order cancel through the real REST surface, with the checkout app's real
 * session code (in process, on a memory store) and the real sandbox provider on Postgres.
 */

let h: PaymentsHarness;
let tenant: SandboxTenant;
let store: SessionStore;
let checkoutApp: ReturnType<typeof createInProcessCheckoutApp>;
let api: Awaited<ReturnType<typeof serveFetchHandler>>;
/** A second connection pool: plays another request that wants the order's row. */
let other: Database;

beforeAll(async () => {
  h = await createPaymentsHarness(inject('databaseUrl'));
  other = createDatabase(inject('databaseUrl'), { max: 2 });
  tenant = await createSandboxTenant(h.db);
  store = createMemorySessionStore();
  checkoutApp = createInProcessCheckoutApp({ store, resolveProvider: h.deps.resolveProvider });
  const rest = createRestApi(restEndpoints, {
    db: h.db,
    logger: pino({ level: 'silent' }),
    checkoutApp,
    payments: { resolveProvider: h.deps.resolveProvider, jobs: h.deps.jobs },
    cartTtlMs: 3_600_000,
  });
  api = await serveFetchHandler(rest.handle);
});
afterAll(async () => {
  await api?.close();
  await other?.$client.end();
  await h?.close();
});

function post(path: string, body: unknown = {}) {
  return fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A PENDING order that has never been to checkout. */
async function freshOrder() {
  const order = await createPayableOrder(h.db, tenant.tenantId, { unitAmount: 900, quantity: 1 });
  await h.db
    .update(orders)
    .set({ checkoutSessionId: null, attempt: 0, provider: null })
    .where(eq(orders.id, order.id));
  await h.db.delete(paymentAttempts).where(eq(paymentAttempts.orderId, order.id));
  return order;
}

async function orderRow(id: string) {
  const [row] = await h.db.select().from(orders).where(eq(orders.id, id));
  return row;
}

/** Moves a session to the payment step with a real sandbox session behind it. */
async function startPaying(sessionId: string, orderId: string): Promise<string> {
  const { providerSessionId } = await startSandboxPayment(h, {
    id: orderId,
    tenantId: tenant.tenantId,
    total: 900,
    checkoutSessionId: sessionId,
  });
  const provider = await providerFor(h, tenant.tenantId);
  const session = await loadAndHydrate(sessionId, () => provider, { store });
  session.start().submitInfo({});
  session.attachProviderIds({ providerSessionId });
  await saveSession(sessionId, session.toSnapshot(), { store });
  return providerSessionId;
}

describe('POST /v1/orders/{id}/checkout', () => {
  it('holds no lock on the order row while it calls the checkout app (issue 12, defect 5)', async () => {
    const order = await freshOrder();
    const probes: string[] = [];
    checkoutApp.during = async (call) => {
      // another request locking the order must not have to wait for the HTTP call
      const row = await other.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL lock_timeout = '200ms'`);
        return tx.execute(sql`SELECT id FROM orders WHERE id = ${order.id} FOR UPDATE NOWAIT`);
      });
      probes.push(`${call}:${row.length}`);
    };
    try {
      const first = await post(`/v1/orders/${order.id}/checkout`);
      expect(first.status).toBe(200);
      const again = await post(`/v1/orders/${order.id}/checkout`);
      expect([200, 201]).toContain(again.status);
    } finally {
      checkoutApp.during = undefined;
    }
    expect(probes).toEqual(['create:1', 'get:1']);
  });

  it('concurrent starts for one order open one session and all get it', async () => {
    const order = await freshOrder();
    const before = checkoutApp.calls.create;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => post(`/v1/orders/${order.id}/checkout`)),
    );
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as Array<{
      sessionId: string;
    }>;
    expect(answers.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(new Set(bodies.map((b) => b.sessionId)).size).toBe(1);
    expect(checkoutApp.calls.create - before).toBe(1);
    const row = await orderRow(order.id);
    expect(row?.checkoutSessionId).toBe(bodies[0]?.sessionId);
    const attempts = await h.db
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.orderId, order.id));
    expect(attempts).toMatchObject([
      { attempt: 1, status: 'open', checkoutSessionId: bodies[0]?.sessionId },
    ]);
  });

  it('another provider moves the open session: the old one is canceled, one stays open (issue 9)', async () => {
    const order = await freshOrder();
    const first = (await (await post(`/v1/orders/${order.id}/checkout`)).json()) as {
      sessionId: string;
    };
    const moved = await post(`/v1/orders/${order.id}/checkout`, { provider: 'stripe' });
    expect(moved.status).toBe(200);
    const second = (await moved.json()) as { sessionId: string };
    expect(second.sessionId).not.toBe(first.sessionId);
    expect((await loadSession(first.sessionId, { store }))?.state).toBe('canceled');
    expect((await loadSession(second.sessionId, { store }))?.provider).toBe('stripe');
    expect(await orderRow(order.id)).toMatchObject({
      checkoutSessionId: second.sessionId,
      provider: 'stripe',
      attempt: 2,
    });
    const open = await h.db
      .select()
      .from(paymentAttempts)
      .where(and(eq(paymentAttempts.orderId, order.id), eq(paymentAttempts.status, 'open')));
    expect(open.map((a) => a.checkoutSessionId)).toEqual([second.sessionId]);
    // the same provider again returns the open session, no third one
    const again = (await (
      await post(`/v1/orders/${order.id}/checkout`, { provider: 'stripe' })
    ).json()) as { sessionId: string };
    expect(again.sessionId).toBe(second.sessionId);
  });

  it('after a session expired the order is still PENDING and a new session opens (issue 12, defect 8)', async () => {
    const order = await freshOrder();
    const first = (await (await post(`/v1/orders/${order.id}/checkout`)).json()) as {
      sessionId: string;
    };
    // the provider reports the expiry of that attempt
    const ingested = await ingestSandboxEvent(h, tenant, 'checkout.expired', {
      order_id: order.id,
      checkout_session_id: first.sessionId,
      session_id: 'sbx_cs_expired',
      amount: 900,
      currency: 'EUR',
    });
    expect(ingested.status).toBe(200);
    expect((await orderRow(order.id))?.status).toBe('PENDING');
    // the session itself ran out too
    const session = await loadAndHydrate(first.sessionId, () => providerFor(h, tenant.tenantId), {
      store,
    });
    session.expire();
    await saveSession(first.sessionId, session.toSnapshot(), { store });

    const restart = await post(`/v1/orders/${order.id}/checkout`);
    expect(restart.status).toBe(200);
    const second = (await restart.json()) as { sessionId: string };
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(await orderRow(order.id)).toMatchObject({ status: 'PENDING', attempt: 2 });
  });
});

describe('POST /v1/orders/{id}/cancel', () => {
  it('cancels the open session and the provider session before the order (issue 12, defect 1)', async () => {
    const order = await freshOrder();
    const { sessionId } = (await (await post(`/v1/orders/${order.id}/checkout`)).json()) as {
      sessionId: string;
    };
    const providerSessionId = await startPaying(sessionId, order.id);

    const canceled = await post(`/v1/orders/${order.id}/cancel`);
    expect(canceled.status).toBe(200);
    expect(await canceled.json()).toMatchObject({ status: 'CANCELED' });
    // nobody can start paying it: our session and the provider's are both closed
    expect((await loadSession(sessionId, { store }))?.state).toBe('canceled');
    const provider = await providerFor(h, tenant.tenantId);
    expect((await provider.retrievePayment({ providerSessionId })).status).toBe('expired');
    // and a new checkout is refused
    const restart = await post(`/v1/orders/${order.id}/checkout`);
    expect(restart.status).toBe(409);

    // money that still lands (a late async success) is recorded, flagged, never fulfilled
    await ingestSandboxEvent(h, tenant, 'payment.succeeded', {
      order_id: order.id,
      checkout_session_id: sessionId,
      session_id: providerSessionId,
      payment_id: 'sbx_pay_late_success',
      amount: 900,
      currency: 'EUR',
    });
    expect(await orderRow(order.id)).toMatchObject({ status: 'PAID', needsReview: true });
    const fulfilled = await h.db
      .select()
      .from(fulfillmentLog)
      .where(and(eq(fulfillmentLog.orderId, order.id), eq(fulfillmentLog.event, 'fulfilled')));
    expect(fulfilled).toHaveLength(0);
  });

  it('a paid order is never canceled', async () => {
    const order = await freshOrder();
    await h.db
      .update(orders)
      .set({ status: 'PAID', amountPaid: 900 })
      .where(eq(orders.id, order.id));
    const response = await post(`/v1/orders/${order.id}/cancel`);
    expect(response.status).toBe(409);
    expect((await orderRow(order.id))?.status).toBe('PAID');
  });
});
