import { createMemorySessionStore } from '@prood/checkout-host';
import { fulfillmentLog, orders, organizations, paymentAttempts, products } from '@prood/db/schema';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { markCheckoutAbandoned } from '../payments/abandonment';
import { ingestPaymentWebhook } from '../payments/ingest-webhook';
import {
  createPayableOrder,
  createPaymentsHarness,
  createSandboxTenant,
  forwardedHeaders,
  type PaymentsHarness,
  payWithSandboxCard,
  pendingSandboxDeliveries,
  type SandboxTenant,
  sandboxEventBody,
} from '../payments/testing';
import { startCheckout } from '../services/checkout';
import { createInProcessCheckoutApp } from '../testing/checkout-app';
import { cleanupUnpaidOrders } from './handlers/cleanup-unpaid-orders';
import { reconcilePendingOrders } from './handlers/reconcile-pending-orders';
import { sendPaymentRecovery } from './handlers/send-payment-recovery';
import { createMailer, listOutboxMail } from './mailer';
import { startWorkers } from './workers';

let h: PaymentsHarness;
let tenant: SandboxTenant;
let stop: (() => Promise<void>) | undefined;
const mailer = createMailer({ from: 'shop@prood.test' });

beforeAll(async () => {
  h = await createPaymentsHarness(inject('databaseUrl'), { jobsSchema: 'pgboss_jobs_test' });
  tenant = await createSandboxTenant(h.db);
  ({ stop } = await startWorkers({
    db: h.db,
    jobs: h.jobs,
    logger: pino({ level: 'silent' }),
    resolveProvider: h.deps.resolveProvider,
    mailer,
    recoveryUrl: (order) => `http://localhost:3004/retry/${order.id}`,
    config: { pollingIntervalSeconds: 0.5 },
  }));
});
afterAll(async () => {
  await stop?.();
  await h?.close();
});

/** Polls until `check` holds; the deadline only bounds a broken run, it asserts nothing about speed. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function deliver(d: { payload: string; headers: () => Headers }) {
  return ingestPaymentWebhook(h.deps, {
    provider: 'sandbox',
    orgId: tenant.tenantId,
    rawBody: d.payload,
    headers: d.headers(),
  });
}

describe('workers on pg-boss', () => {
  it('a sandbox 4242 payment: webhook → PAID → FULFILLED, confirmation in the outbox, stock taken once', async () => {
    const order = await createPayableOrder(h.db, tenant.tenantId, {
      unitAmount: 700,
      quantity: 3,
      stock: 10,
    });
    await payWithSandboxCard(h, order);
    const deliveries = (await pendingSandboxDeliveries(h, tenant)).filter((d) =>
      d.payload.includes(order.id),
    );
    expect(deliveries.map((d) => d.type)).toEqual(['payment.succeeded']);
    for (const d of deliveries) expect((await deliver(d)).status).toBe(200);

    const fulfilled = await eventually(
      async () => (await h.db.select().from(orders).where(eq(orders.id, order.id)))[0],
      (o) => o?.status === 'FULFILLED',
    );
    expect(fulfilled?.status).toBe('FULFILLED');
    const mails = await eventually(
      () => listOutboxMail(h.db, { tenantId: tenant.tenantId, orderId: order.id }),
      (m) => m.length > 0,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      kind: 'order_confirmation',
      to: 'ada@example.com',
      transport: 'outbox',
    });
    expect(mails[0]?.subject).toContain(order.reference);
    const stockLog = await eventually(
      () =>
        h.db
          .select()
          .from(fulfillmentLog)
          .where(
            and(
              eq(fulfillmentLog.orderId, order.id),
              eq(fulfillmentLog.event, 'stock_decremented'),
            ),
          ),
      (rows) => rows.length > 0,
    );
    expect(stockLog).toHaveLength(1);
    const [product] = await h.db.select().from(products).where(eq(products.id, order.productId));
    expect(product?.stock).toBe(7);
  });

  it('a declined card: FAILED, and the recovery mail links to a new attempt, once per attempt', async () => {
    const order = await createPayableOrder(h.db, tenant.tenantId);
    await payWithSandboxCard(h, order, '4000 0000 0000 0002');
    const deliveries = (await pendingSandboxDeliveries(h, tenant)).filter((d) =>
      d.payload.includes(order.id),
    );
    expect(deliveries.map((d) => d.type)).toEqual(['payment.failed']);
    for (const d of deliveries) expect((await deliver(d)).status).toBe(200);
    const [failed] = await h.db.select().from(orders).where(eq(orders.id, order.id));
    expect(failed?.status).toBe('FAILED');
    // the queued job waits 15 minutes for the shopper to retry; run its handler now
    const recovery = (url: string) =>
      sendPaymentRecovery(h.db, mailer, () => url, {
        tenantId: tenant.tenantId,
        orderId: order.id,
        attempt: 1,
      });
    expect(await recovery(`http://localhost:3004/retry/${order.id}`)).toBe('sent');
    expect(await recovery('http://unused')).toBe('skipped');
    const mails = await listOutboxMail(h.db, { tenantId: tenant.tenantId, orderId: order.id });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ kind: 'payment_recovery' });
    expect(mails[0]?.text).toContain(`http://localhost:3004/retry/${order.id}`);
  });

  it('an abandoned session ends the attempt once; the order stays PENDING and payable (issue 12, defect 8)', async () => {
    const unpaid = await createPayableOrder(h.db, tenant.tenantId);
    const input = {
      tenantId: tenant.tenantId,
      orderId: unpaid.id,
      sessionId: unpaid.checkoutSessionId ?? '',
    };
    const results = await Promise.all([
      markCheckoutAbandoned(h.db, input),
      markCheckoutAbandoned(h.db, input),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['attempt_ended', 'unchanged']);
    const [after] = await h.db.select().from(orders).where(eq(orders.id, unpaid.id));
    expect(after?.status).toBe('PENDING');
    // an older attempt's session changes nothing
    const current = await createPayableOrder(h.db, tenant.tenantId);
    const old = await markCheckoutAbandoned(h.db, {
      tenantId: tenant.tenantId,
      orderId: current.id,
      sessionId: 'cs_0000000000000000000000',
    });
    expect(old.outcome).toBe('unchanged');
  });

  it("cleanup cancels an unpaid order only after the tenant's unpaid-order lifetime (default 24 h) (issue 12, defect 8)", async () => {
    const stale = await createPayableOrder(h.db, tenant.tenantId);
    const at = (hours: number) => new Date(stale.createdAt.getTime() + hours * 3_600_000);
    const statusOf = async () =>
      (await h.db.select().from(orders).where(eq(orders.id, stale.id)))[0]?.status;
    await cleanupUnpaidOrders(h.db, { now: at(23.9), tenantId: tenant.tenantId });
    expect(await statusOf()).toBe('PENDING');
    await cleanupUnpaidOrders(h.db, { now: at(24.1), tenantId: tenant.tenantId });
    expect(await statusOf()).toBe('CANCELED');

    // a tenant that set two hours
    const quick = await createSandboxTenant(h.db);
    await h.db
      .update(organizations)
      .set({ unpaidOrderLifetimeSeconds: 7200 })
      .where(eq(organizations.id, quick.tenantId));
    const short = await createPayableOrder(h.db, quick.tenantId);
    const shortAt = (hours: number) => new Date(short.createdAt.getTime() + hours * 3_600_000);
    await cleanupUnpaidOrders(h.db, { now: shortAt(1.9), tenantId: quick.tenantId });
    expect((await h.db.select().from(orders).where(eq(orders.id, short.id)))[0]?.status).toBe(
      'PENDING',
    );
    await cleanupUnpaidOrders(h.db, { now: shortAt(2.1), tenantId: quick.tenantId });
    expect((await h.db.select().from(orders).where(eq(orders.id, short.id)))[0]?.status).toBe(
      'CANCELED',
    );
  });

  it('reconciliation finds the provider session in Postgres after the session key expired (real TTLs, controllable clock) (issue 12, defect 2)', async () => {
    let nowMs = Date.now();
    const clock = () => new Date(nowMs);
    const store = createMemorySessionStore({ clock: () => nowMs });
    const checkoutApp = createInProcessCheckoutApp({
      store,
      resolveProvider: h.deps.resolveProvider,
      now: clock,
    });
    const lost = await createPayableOrder(h.db, tenant.tenantId, { unitAmount: 1000, quantity: 1 });
    await h.db
      .update(orders)
      .set({ checkoutSessionId: null, attempt: 0, provider: null })
      .where(eq(orders.id, lost.id));
    await h.db.delete(paymentAttempts).where(eq(paymentAttempts.orderId, lost.id));
    const session = await startCheckout(
      {
        db: h.db,
        tenantId: tenant.tenantId,
        requestId: 'req_reconcile_test',
        logger: pino({ level: 'silent' }),
        checkoutApp,
        payments: { resolveProvider: h.deps.resolveProvider, jobs: h.deps.jobs },
        config: { cartTtlMs: 60_000 },
      },
      lost.id,
      {},
    );
    // the shopper pays; the provider's webhook never arrives
    await payWithSandboxCard(h, { ...lost, checkoutSessionId: session.id });
    // 31 minutes later the session's key (30-minute TTL) is gone from the store
    nowMs += 31 * 60_000;
    expect(await checkoutApp.getSession(tenant.tenantId, session.id)).toBeNull();
    const result = await reconcilePendingOrders(
      { ...h.deps },
      { olderThanMs: 30 * 60_000, now: clock(), tenantId: tenant.tenantId },
    );
    expect(result.errors).toBe(0);
    const [reconciled] = await h.db.select().from(orders).where(eq(orders.id, lost.id));
    expect(['PAID', 'FULFILLED']).toContain(reconciled?.status);
    // the webhook arriving late afterwards changes nothing
    const late = (await pendingSandboxDeliveries(h, tenant)).filter((d) =>
      d.payload.includes(lost.id),
    );
    for (const d of late) expect((await deliver(d)).status).toBe(200);
    const paidLog = await h.db
      .select()
      .from(fulfillmentLog)
      .where(and(eq(fulfillmentLog.orderId, lost.id), eq(fulfillmentLog.event, 'paid')));
    expect(paidLog).toHaveLength(1);
  });

  it('an event for an unknown order is stored and acknowledged', async () => {
    const { id, payload } = sandboxEventBody(tenant.tenantId, 'payment.succeeded', {
      order_id: 'ord_0000000000000000000000',
      amount: 100,
      currency: 'EUR',
    });
    const result = await ingestPaymentWebhook(h.deps, {
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
    expect(result).toMatchObject({
      status: 200,
      body: { applied: [{ outcome: 'order_not_found' }] },
    });
  });
});
