import { fulfillmentLog, orders, refunds } from '@prood/db/schema';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { JOB_QUEUES } from '../jobs/queues';
import { restEndpoints } from '../rest/endpoints';
import { createRestApi } from '../rest/router';
import type { CheckoutAppClient } from '../services/checkout-app-client';
import { recordDocumentedStatuses, testRateLimiter } from '../testing/documented-statuses';
import { serveFetchHandler } from '../testing/http';
import { createPaymentWebhookHandler } from './ingest-webhook';
import {
  createPayableOrder,
  createPaymentsHarness,
  createSandboxTenant,
  type PaymentsHarness,
  payWithSandboxCard,
  pendingSandboxDeliveries,
  type SandboxTenant,
} from './testing';

let h: PaymentsHarness;
let tenant: SandboxTenant;
let api: Awaited<ReturnType<typeof serveFetchHandler>>;
let webhooks: Awaited<ReturnType<typeof serveFetchHandler>>;
/** Our checkout session id → the sandbox session behind it (what the checkout app stores). */
const providerSessions = new Map<string, string>();

const checkoutApp: CheckoutAppClient = {
  createSession: () => Promise.reject(new Error('not used')),
  createPaymentLink: () => Promise.reject(new Error('not used')),
  cancelSession: () => Promise.reject(new Error('not used')),
  async getSession(_tenantId, sessionId) {
    const providerSessionId = providerSessions.get(sessionId);
    if (!providerSessionId) return null;
    return {
      id: sessionId,
      url: `http://localhost:3004/c/${sessionId}`,
      status: 'complete',
      paymentStatus: 'paid',
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      providerSessionId,
    };
  },
};

const documented = recordDocumentedStatuses();

beforeAll(async () => {
  h = await createPaymentsHarness(inject('databaseUrl'));
  // The deps are handed to the REST API where it is built: no global, no job workers running
  // in this process (as on a second API instance), and confirm and refunds still work.
  const rest = createRestApi(restEndpoints, {
    rateLimiter: testRateLimiter(),
    onResponse: documented.record,
    db: h.db,
    logger: pino({ level: 'silent' }),
    checkoutApp,
    payments: { resolveProvider: h.deps.resolveProvider, jobs: h.deps.jobs },
    cartTtlMs: 3_600_000,
  });
  api = await serveFetchHandler(rest.handle);
  webhooks = await serveFetchHandler(createPaymentWebhookHandler(h.deps));
  tenant = await createSandboxTenant(h.db);
});
afterAll(async () => {
  await api?.close();
  await webhooks?.close();
  await h?.close();
});

function callApi(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tenant.apiKey}`,
      'content-type': 'application/json',
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

async function deliverPending() {
  const deliveries = await pendingSandboxDeliveries(h, tenant);
  const statuses = await Promise.all(
    deliveries.map(async (d) => {
      const response = await fetch(
        `${webhooks.url}/webhooks/payments/sandbox?org=${tenant.tenantId}`,
        {
          method: 'POST',
          headers: d.headers(),
          body: d.payload,
        },
      );
      return response.status;
    }),
  );
  return { deliveries, statuses };
}

async function paidOrder(total = 1000) {
  const order = await createPayableOrder(h.db, tenant.tenantId, { unitAmount: total, quantity: 1 });
  const { providerSessionId } = await payWithSandboxCard(h, order);
  providerSessions.set(order.checkoutSessionId ?? '', providerSessionId);
  return order;
}

describe('payment deps built where the REST API is wired', () => {
  it('an API instance with no job workers and no global confirms and refunds (issue 12, defect 6)', async () => {
    // a tenant of its own, so its sandbox deliveries stay out of the other tests' counts
    const other = await createSandboxTenant(h.db);
    const order = await createPayableOrder(h.db, other.tenantId, { unitAmount: 700, quantity: 1 });
    const { providerSessionId } = await payWithSandboxCard(h, order);
    providerSessions.set(order.checkoutSessionId ?? '', providerSessionId);
    const as = { authorization: `Bearer ${other.apiKey}` };
    const confirmed = await callApi(
      `/v1/orders/${order.id}/confirm`,
      { sessionId: order.checkoutSessionId },
      as,
    );
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ status: 'PAID', amountPaid: 700 });
    const refund = await callApi(`/v1/orders/${order.id}/refunds`, { amount: 200 }, as);
    expect(refund.status).toBe(201);
    expect(await refund.json()).toMatchObject({ amount: 200, status: 'succeeded' });
  });
});

describe('confirm racing the webhook', () => {
  it('the success page confirm and the webhook, concurrently, fulfil once and agree on the order', async () => {
    const order = await paidOrder();
    const deliveries = await pendingSandboxDeliveries(h, tenant);
    const mine = deliveries.filter((d) => d.payload.includes(order.id));
    expect(mine.map((d) => d.type)).toEqual(['payment.succeeded']);
    const [confirms, hooks] = await Promise.all([
      Promise.all(
        Array.from({ length: 5 }, () =>
          callApi(`/v1/orders/${order.id}/confirm`, { sessionId: order.checkoutSessionId }),
        ),
      ),
      Promise.all(
        Array.from({ length: 5 }, () =>
          fetch(`${webhooks.url}/webhooks/payments/sandbox?org=${tenant.tenantId}`, {
            method: 'POST',
            headers: mine[0]?.headers() ?? new Headers(),
            body: mine[0]?.payload ?? '',
          }),
        ),
      ),
    ]);
    expect(hooks.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(confirms.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const bodies = (await Promise.all(confirms.map((r) => r.json()))) as Array<{
      status: string;
      amountPaid: number;
    }>;
    for (const body of bodies) expect(body).toMatchObject({ status: 'PAID', amountPaid: 1000 });
    const paidLog = await h.db
      .select()
      .from(fulfillmentLog)
      .where(and(eq(fulfillmentLog.orderId, order.id), eq(fulfillmentLog.event, 'paid')));
    expect(paidLog).toHaveLength(1);
    const mails = await h.jobs.boss.findJobs(JOB_QUEUES.orderConfirmationEmail, {
      data: { orderId: order.id },
    });
    expect(mails).toHaveLength(1);
    const fulfil = await h.jobs.boss.findJobs(JOB_QUEUES.digitalFulfilment, {
      data: { orderId: order.id },
    });
    expect(fulfil).toHaveLength(1);
  });

  it('confirm with another session id answers 404 and changes nothing', async () => {
    const order = await paidOrder();
    const response = await callApi(`/v1/orders/${order.id}/confirm`, {
      sessionId: 'cs_0000000000000000000000',
    });
    expect(response.status).toBe(404);
    const [after] = await h.db.select().from(orders).where(eq(orders.id, order.id));
    expect(after?.status).toBe('PENDING');
  });
});

describe('refunds', () => {
  it('concurrent partial refunds never exceed the paid amount; provider refund events are not counted twice', async () => {
    const order = await paidOrder(1000);
    await deliverPending();
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () => callApi(`/v1/orders/${order.id}/refunds`, { amount: 300 })),
    );
    const statuses = attempts.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 422)).toHaveLength(5);
    const refused = (await Promise.all(
      attempts.filter((r) => r.status === 422).map((r) => r.json()),
    )) as Array<{
      error: { code: string };
    }>;
    for (const body of refused) expect(body.error.code).toBe('refund_exceeds_paid');

    const [mid] = await h.db.select().from(orders).where(eq(orders.id, order.id));
    expect(mid).toMatchObject({
      status: 'PARTIALLY_REFUNDED',
      amountPaid: 1000,
      amountRefunded: 900,
    });

    // the sandbox reports each refund by webhook too: nothing changes
    const { statuses: hookStatuses, deliveries } = await deliverPending();
    expect(deliveries.filter((d) => d.type === 'refund.succeeded')).toHaveLength(3);
    expect(hookStatuses.every((s) => s === 200)).toBe(true);
    const [afterHooks] = await h.db.select().from(orders).where(eq(orders.id, order.id));
    expect(afterHooks).toMatchObject({ status: 'PARTIALLY_REFUNDED', amountRefunded: 900 });
    const rows = await h.db.select().from(refunds).where(eq(refunds.orderId, order.id));
    expect(rows.filter((r) => r.status === 'succeeded').reduce((sum, r) => sum + r.amount, 0)).toBe(
      900,
    );

    // the rest (no amount = what is left) makes it REFUNDED; then nothing is left
    const rest = await callApi(
      `/v1/orders/${order.id}/refunds`,
      {},
      { 'idempotency-key': `rest-${order.id}` },
    );
    expect(rest.status).toBe(201);
    expect(await rest.json()).toMatchObject({ amount: 100, status: 'succeeded' });
    const replay = await callApi(
      `/v1/orders/${order.id}/refunds`,
      {},
      { 'idempotency-key': `rest-${order.id}` },
    );
    expect(replay.status).toBe(201);
    const more = await callApi(`/v1/orders/${order.id}/refunds`, { amount: 1 });
    expect(more.status).toBe(409);
    const [done] = await h.db.select().from(orders).where(eq(orders.id, order.id));
    expect(done).toMatchObject({ status: 'REFUNDED', amountRefunded: 1000 });
  });

  it('an unpaid order cannot be refunded', async () => {
    const order = await createPayableOrder(h.db, tenant.tenantId);
    const response = await callApi(`/v1/orders/${order.id}/refunds`, { amount: 100 });
    expect(response.status).toBe(409);
    expect(await h.db.select().from(refunds).where(eq(refunds.orderId, order.id))).toHaveLength(0);
  });
});
