import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { events } from '@prood/db/schema';
import { newId } from '@prood/validators';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { cancelUnpaidOrder } from '../payments/cancel-order';
import { applyPaymentEvents } from '../payments/events';
import { fulfillOrder } from '../payments/fulfilment';
import { lockOrder } from '../payments/order-effects';
import {
  createPayableOrder,
  createPaymentsHarness,
  createSandboxTenant,
  ingestSandboxEvent,
  type PaymentsHarness,
  type SandboxEventType,
  type SandboxTenant,
} from '../payments/testing';
import { emitEvent } from './emit';

let h: PaymentsHarness;

beforeAll(async () => {
  h = await createPaymentsHarness(inject('databaseUrl'));
});
afterAll(async () => {
  await h?.close();
});

async function send(
  tenant: SandboxTenant,
  type: SandboxEventType,
  data: Record<string, unknown>,
): Promise<void> {
  const result = await ingestSandboxEvent(h, tenant, type, data);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
}

async function eventsOf(tenantId: string) {
  return h.db
    .select()
    .from(events)
    .where(eq(events.tenantId, tenantId))
    .orderBy(asc(events.sequence));
}

const objectOf = (event: { data: Record<string, unknown> }) =>
  event.data.object as Record<string, unknown>;

describe('every order change a merchant cares about is an event, written with the change', () => {
  it('payment failed, paid, partly and fully refunded: one event each, the order as the API returns it', async () => {
    const tenant = await createSandboxTenant(h.db);
    const order = await createPayableOrder(h.db, tenant.tenantId);
    const base = {
      order_id: order.id,
      checkout_session_id: order.checkoutSessionId ?? undefined,
      session_id: 'sbx_cs_e1',
      currency: 'EUR',
    };
    await send(tenant, 'payment.failed', {
      ...base,
      payment_id: 'sbx_pay_f',
      amount: order.total,
      failure_code: 'card_declined',
    });
    await send(tenant, 'payment.succeeded', {
      ...base,
      payment_id: 'sbx_pay_s',
      amount: order.total,
    });
    await send(tenant, 'refund.succeeded', {
      ...base,
      payment_id: 'sbx_pay_s',
      amount: 300,
      refund_id: 'sbx_re_1',
      amount_refunded: 300,
    });
    await send(tenant, 'refund.succeeded', {
      ...base,
      payment_id: 'sbx_pay_s',
      amount: order.total - 300,
      refund_id: 'sbx_re_2',
      amount_refunded: order.total,
    });

    const rows = await eventsOf(tenant.tenantId);
    expect(rows.map((e) => e.type)).toEqual([
      'order.payment_failed',
      'order.paid',
      'order.refunded',
      'order.refunded',
    ]);
    expect(rows.map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
    expect(rows.map((e) => objectOf(e).status)).toEqual([
      'FAILED',
      'PAID',
      'PARTIALLY_REFUNDED',
      'REFUNDED',
    ]);
    expect(objectOf(rows[1] as never)).toMatchObject({
      id: order.id,
      object: 'order',
      amountPaid: order.total,
      items: [expect.objectContaining({ quantity: 2 })],
    });
    expect(rows[2]?.data).toMatchObject({
      object: { amountRefunded: 300 },
      previousAttributes: { status: 'PAID', amountRefunded: 0 },
    });
    expect(rows.every((e) => e.apiVersion === '2026-12-01' && e.id.startsWith('evt_'))).toBe(true);
  });

  it('fulfilled and canceled orders, and an expired checkout with the order and the customer email', async () => {
    const tenant = await createSandboxTenant(h.db);
    const shipped = await createPayableOrder(h.db, tenant.tenantId, { fulfillment: 'shipping' });
    await send(tenant, 'payment.succeeded', {
      order_id: shipped.id,
      checkout_session_id: shipped.checkoutSessionId ?? undefined,
      payment_id: 'sbx_pay_ship',
      amount: shipped.total,
      currency: 'EUR',
    });
    await fulfillOrder(
      h.db,
      { tenantId: tenant.tenantId, orderId: shipped.id },
      {
        by: 'merchant',
        jobs: h.jobs.enqueuer,
        shipment: { carrier: 'DHL', trackingNumber: 'JD0001' },
      },
    );

    const abandoned = await createPayableOrder(h.db, tenant.tenantId);
    await send(tenant, 'checkout.expired', {
      order_id: abandoned.id,
      checkout_session_id: abandoned.checkoutSessionId ?? undefined,
      session_id: 'sbx_cs_exp',
      amount: abandoned.total,
      currency: 'EUR',
    });
    const unpaid = await createPayableOrder(h.db, tenant.tenantId);
    for (let i = 0; i < 2; i += 1) {
      // the second time it is already canceled: no second event
      await h.db.transaction(async (tx) => {
        const order = await lockOrder(tx, { tenantId: tenant.tenantId, orderId: unpaid.id });
        if (order) await cancelUnpaidOrder(tx, order, { reason: 'test' });
      });
    }

    const rows = await eventsOf(tenant.tenantId);
    const types = rows.map((e) => `${e.type}:${(objectOf(e).orderId ?? objectOf(e).id) as string}`);
    expect(types).toContain(`order.fulfilled:${shipped.id}`);
    expect(types).toContain(`checkout.expired:${abandoned.id}`);
    expect(types.filter((t) => t === `order.canceled:${unpaid.id}`)).toHaveLength(1);
    const expired = rows.find((e) => e.type === 'checkout.expired');
    expect(objectOf(expired as never)).toMatchObject({
      id: abandoned.checkoutSessionId,
      object: 'checkout_session',
      customerEmail: 'ada@example.com',
      order: { id: abandoned.id, total: abandoned.total },
    });
  });

  it('subscriptions and payment links', async () => {
    const tenant = await createSandboxTenant(h.db);
    const order = await createPayableOrder(h.db, tenant.tenantId);
    const common = {
      tenantId: tenant.tenantId,
      provider: 'sandbox',
      orderId: order.id,
      providerSubscriptionId: 'sbx_sub_1',
      occurredAt: new Date().toISOString(),
    };
    await h.db.transaction((tx) =>
      applyPaymentEvents(
        { tx, tenantId: tenant.tenantId, provider: 'sandbox', eventKey: 'k1', jobs: h.deps.jobs },
        [
          { ...common, type: 'subscription.created', status: 'active', cancelAtPeriodEnd: false },
          { ...common, type: 'subscription.updated', status: 'active', cancelAtPeriodEnd: true },
          { ...common, type: 'subscription.deleted' },
        ] as never,
      ),
    );
    const link = newId('paymentLink');
    await send(tenant, 'payment.succeeded', {
      checkout_session_id: link,
      payment_id: 'sbx_pay_link',
      amount: 2500,
      currency: 'EUR',
    });
    const rows = await eventsOf(tenant.tenantId);
    expect(rows.map((e) => e.type)).toEqual([
      'subscription.created',
      'subscription.updated',
      'subscription.canceled',
      'payment_link.paid',
    ]);
    expect(objectOf(rows[2] as never)).toMatchObject({
      object: 'subscription',
      status: 'canceled',
      orderId: order.id,
    });
    expect(objectOf(rows[3] as never)).toMatchObject({
      id: link,
      object: 'payment_link',
      amount: 2500,
      currency: 'EUR',
    });
  });
});

describe('the events table', () => {
  it('rolls back with the change, is append-only, and numbers concurrent events strictly per tenant', async () => {
    const tenant = await createSandboxTenant(h.db);
    await expect(
      h.db.transaction(async (tx) => {
        await emitEvent(tx, { tenantId: tenant.tenantId, type: 'order.created', object: {} });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await eventsOf(tenant.tenantId)).toEqual([]);

    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        h.db.transaction((tx) =>
          emitEvent(tx, { tenantId: tenant.tenantId, type: 'order.created', object: { i } }),
        ),
      ),
    );
    const rows = await eventsOf(tenant.tenantId);
    // the rolled-back event took its number back with it; the per-tenant counter row is locked
    // until commit, so numbers are handed out in commit order and a follower never skips one
    expect(rows.map((e) => e.sequence)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

    await expect(
      h.db.execute(sql`update events set type = 'order.paid' where tenant_id = ${tenant.tenantId}`),
    ).rejects.toThrow();
    const [still] = await h.db
      .select()
      .from(events)
      .where(and(eq(events.tenantId, tenant.tenantId), eq(events.type, 'order.paid')));
    expect(still).toBeUndefined();
  });

  it('no code in the API moves an order status except through transitionOrder (which writes the event)', async () => {
    const root = join(import.meta.dirname, '..');
    const offenders: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.endsWith('emit.ts')) {
          if ((await readFile(path, 'utf8')).includes('transitionOrderStatus'))
            offenders.push(path);
        }
      }
    };
    await walk(root);
    expect(offenders).toEqual([]);
  });
});
