import { fulfillmentLog, orders, payments, webhookEvents } from '@prood/db/schema';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { JOB_QUEUES, type JobEnqueuer } from '../jobs/queues';
import { serveFetchHandler } from '../testing/http';
import { createPaymentWebhookHandler, ingestPaymentWebhook } from './ingest-webhook';
import {
  createPayableOrder,
  createPaymentsHarness,
  createSandboxTenant,
  forwardedHeaders,
  type PaymentsHarness,
  type SandboxTenant,
  sandboxEventBody,
} from './testing';

let h: PaymentsHarness;
let server: Awaited<ReturnType<typeof serveFetchHandler>>;
let tenant: SandboxTenant;

beforeAll(async () => {
  h = await createPaymentsHarness(inject('databaseUrl'));
  server = await serveFetchHandler(createPaymentWebhookHandler(h.deps));
  tenant = await createSandboxTenant(h.db);
});
afterAll(async () => {
  await server?.close();
  await h?.close();
});

function succeededBody(
  order: { id: string; total: number; checkoutSessionId: string | null },
  paymentId = 'sbx_pay_1',
) {
  return sandboxEventBody(tenant.tenantId, 'payment.succeeded', {
    order_id: order.id,
    checkout_session_id: order.checkoutSessionId ?? undefined,
    session_id: 'sbx_cs_1',
    payment_id: paymentId,
    amount: order.total,
    currency: 'EUR',
  });
}

function post(
  tenantId: string,
  payload: string | Uint8Array,
  headers: Headers,
  provider = 'sandbox',
) {
  return fetch(`${server.url}/webhooks/payments/${provider}?org=${tenantId}`, {
    method: 'POST',
    headers,
    body: payload,
  });
}

async function storedEvents(tenantId: string) {
  const [row] = await h.db
    .select({ n: count() })
    .from(webhookEvents)
    .where(eq(webhookEvents.tenantId, tenantId));
  return row?.n ?? 0;
}

async function logRows(orderId: string) {
  return h.db.select().from(fulfillmentLog).where(eq(fulfillmentLog.orderId, orderId));
}

async function jobsFor(queue: string, orderId: string) {
  return h.jobs.boss.findJobs(queue, { data: { orderId } });
}

describe('ingestPaymentWebhook over HTTP', () => {
  it('50 identical signed deliveries at once: one state change, one log row per effect, one mail job, 49 duplicates', async () => {
    const order = await createPayableOrder(h.db, tenant.tenantId);
    const { id, payload } = succeededBody(order);
    const headers = forwardedHeaders({
      secret: tenant.secret,
      checkoutSecret: h.checkoutSecret,
      id,
      payload,
    });
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => post(tenant.tenantId, payload, headers)),
    );
    const bodies = await Promise.all(
      responses.map((r) => r.json() as Promise<Record<string, unknown>>),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(bodies.filter((b) => b.duplicate === true)).toHaveLength(49);

    const [after] = await h.db.select().from(orders).where(eq(orders.id, order.id));
    expect(after).toMatchObject({ status: 'PAID', amountPaid: order.total, needsReview: false });
    expect(after?.snapshot).toMatchObject({
      total: order.total,
      currency: 'EUR',
      items: [{ title: 'Test item', unitAmount: 500, quantity: 2, total: 1000 }],
    });
    const log = await logRows(order.id);
    expect(log.map((r) => r.event).sort()).toEqual(['paid']);
    expect(await jobsFor(JOB_QUEUES.orderConfirmationEmail, order.id)).toHaveLength(1);
    expect(await jobsFor(JOB_QUEUES.stockDecrement, order.id)).toHaveLength(1);
    expect(await jobsFor(JOB_QUEUES.digitalFulfilment, order.id)).toHaveLength(1);
    const paymentRows = await h.db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(paymentRows).toHaveLength(1);
    const events = await h.db
      .select()
      .from(webhookEvents)
      .where(and(eq(webhookEvents.tenantId, tenant.tenantId), eq(webhookEvents.eventId, id)));
    expect(events).toHaveLength(1);
    expect(events[0]?.handledAt).toBeInstanceOf(Date);
  });

  it('a payment that does not match the order total is recorded and flagged, never paid', async () => {
    const order = await createPayableOrder(h.db, tenant.tenantId);
    const { id, payload } = sandboxEventBody(tenant.tenantId, 'payment.succeeded', {
      order_id: order.id,
      payment_id: 'sbx_pay_short',
      amount: order.total - 1,
      currency: 'EUR',
    });
    const response = await post(
      tenant.tenantId,
      payload,
      forwardedHeaders({ secret: tenant.secret, checkoutSecret: h.checkoutSecret, id, payload }),
    );
    expect(response.status).toBe(200);
    const [after] = await h.db.select().from(orders).where(eq(orders.id, order.id));
    expect(after).toMatchObject({
      status: 'PENDING',
      needsReview: true,
      amountPaid: 0,
      snapshot: null,
    });
    expect(after?.reviewReason).toMatch(/differs from the order total/);
    expect(await jobsFor(JOB_QUEUES.orderConfirmationEmail, order.id)).toHaveLength(0);
  });

  describe('refused requests store nothing', () => {
    it.each([
      ['forged (another secret)', 'forged', 400],
      ['tampered: one byte changed', 'tampered', 400],
      ['re-serialized JSON', 'reserialized', 400],
      ['stale: signed 301 s ago', 'stale', 400],
      ['future: signed 301 s ahead', 'future', 400],
      ['missing x-checkout-secret', 'no-secret', 401],
      ['wrong x-checkout-secret', 'wrong-secret', 401],
      ["another tenant's webhook secret", 'other-tenant', 400],
      ['unknown organization', 'unknown-org', 404],
      ['provider not connected', 'stripe', 404],
    ] as const)('%s → %i', async (_label, kind, status) => {
      const order = await createPayableOrder(h.db, tenant.tenantId);
      const other = kind === 'other-tenant' ? await createSandboxTenant(h.db) : undefined;
      const { id, payload } = succeededBody(order);
      const sign = (
        overrides: { secret?: string; timestamp?: Date; checkoutSecret?: string | null } = {},
      ) =>
        forwardedHeaders({
          secret: overrides.secret ?? tenant.secret,
          checkoutSecret:
            overrides.checkoutSecret === undefined ? h.checkoutSecret : overrides.checkoutSecret,
          id,
          payload,
          ...(overrides.timestamp ? { timestamp: overrides.timestamp } : {}),
        });
      const bytes = new TextEncoder().encode(payload);
      let body: string | Uint8Array = payload;
      let headers = sign();
      let orgId = tenant.tenantId;
      let provider = 'sandbox';
      switch (kind) {
        case 'forged':
          headers = sign({
            secret: `whsec_${Buffer.from('not the tenant secret!!').toString('base64')}`,
          });
          break;
        case 'tampered': {
          const copy = bytes.slice();
          const at = payload.indexOf(String(order.total));
          copy[at] = (copy[at] ?? 0) + 1;
          body = copy;
          break;
        }
        case 'reserialized':
          body = JSON.stringify(JSON.parse(payload), null, 2);
          break;
        case 'stale':
          headers = sign({ timestamp: new Date(Date.now() - 301_000) });
          break;
        case 'future':
          headers = sign({ timestamp: new Date(Date.now() + 301_000) });
          break;
        case 'no-secret':
          headers = sign({ checkoutSecret: null });
          break;
        case 'wrong-secret':
          headers = sign({ checkoutSecret: `${h.checkoutSecret}x` });
          break;
        case 'other-tenant':
          // signed with the other tenant's secret, sent to the other tenant's URL: the body names this tenant
          headers = sign({ secret: other?.secret ?? '' });
          orgId = other?.tenantId ?? '';
          break;
        case 'unknown-org':
          orgId = 'org_0000000000000000000000';
          break;
        case 'stripe':
          provider = 'stripe';
          break;
      }
      const before = await storedEvents(orgId);
      const response = await post(orgId, body, headers, provider);
      expect(response.status).toBe(status);
      const json = (await response.json()) as { error?: { code: string } };
      expect(json.error?.code).toBeTypeOf('string');
      expect(await storedEvents(orgId)).toBe(before);
      expect(await storedEvents(tenant.tenantId)).toBeGreaterThan(0);
      const [after] = await h.db.select().from(orders).where(eq(orders.id, order.id));
      expect(after?.status).toBe('PENDING');
      expect(await logRows(order.id)).toHaveLength(0);
    });
  });
});

describe('a crash inside the transaction', () => {
  it('between the state change and the job: nothing half-done, 500, and the redelivery completes it once', async () => {
    const order = await createPayableOrder(h.db, tenant.tenantId);
    const { id, payload } = succeededBody(order);
    let failures = 1;
    const flaky: JobEnqueuer = {
      async enqueue(db, job) {
        if (failures > 0) {
          failures -= 1;
          throw new Error('simulated crash before the job is enqueued');
        }
        await h.jobs.enqueuer.enqueue(db, job);
      },
    };
    const deps = { ...h.deps, jobs: flaky };
    const input = () => ({
      provider: 'sandbox',
      orgId: tenant.tenantId,
      rawBody: payload,
      headers: forwardedHeaders({
        secret: tenant.secret,
        checkoutSecret: h.checkoutSecret,
        id,
        payload,
      }),
    });
    const first = await ingestPaymentWebhook(deps, input());
    expect(first.status).toBe(500);
    const [mid] = await h.db.select().from(orders).where(eq(orders.id, order.id));
    expect(mid).toMatchObject({ status: 'PENDING', amountPaid: 0, snapshot: null });
    expect(await logRows(order.id)).toHaveLength(0);
    expect(await h.db.select().from(payments).where(eq(payments.orderId, order.id))).toHaveLength(
      0,
    );
    // only a note of the failure for the merchant's log, written after the rollback: unhandled
    const eventRows = () =>
      h.db
        .select()
        .from(webhookEvents)
        .where(and(eq(webhookEvents.tenantId, tenant.tenantId), eq(webhookEvents.eventId, id)));
    const [failed] = await eventRows();
    expect(failed).toMatchObject({ handledAt: null, duplicates: 0, effects: null });
    expect(failed?.error).toContain('simulated crash');

    const retry = await ingestPaymentWebhook(deps, input());
    expect(retry.status).toBe(200);
    const [applied] = await eventRows();
    expect(applied).toMatchObject({ error: null, duplicates: 0 });
    expect(applied?.handledAt).toBeInstanceOf(Date);
    const again = await ingestPaymentWebhook(deps, input());
    expect(again.body).toMatchObject({ duplicate: true });
    expect((await eventRows())[0]?.duplicates).toBe(1);
    const [done] = await h.db.select().from(orders).where(eq(orders.id, order.id));
    expect(done?.status).toBe('PAID');
    expect((await logRows(order.id)).map((r) => r.event)).toEqual(['paid']);
    expect(await jobsFor(JOB_QUEUES.orderConfirmationEmail, order.id)).toHaveLength(1);
  });
});
