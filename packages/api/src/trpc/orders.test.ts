import { randomBytes, randomUUID } from 'node:crypto';
import { members, orders, paymentAttempts, refunds } from '@prood/db/schema';
import { createTestOrder } from '@prood/db/testing';
import { createRateLimiter } from '@prood/http/rate-limit';
import { newId } from '@prood/validators';
import { TRPCClientError } from '@trpc/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ingestPaymentWebhook } from '../payments/ingest-webhook';
import {
  connectTestIntegration,
  createPayableOrder,
  createPaymentsHarness,
  type PaymentsHarness,
  payWithSandboxCard,
  pendingSandboxDeliveries,
} from '../payments/testing';
import { serveDashboardApi, signUpMerchant } from '../testing/dashboard-api';

let h: PaymentsHarness;
let server: Awaited<ReturnType<typeof serveDashboardApi>>;

beforeAll(async () => {
  h = await createPaymentsHarness(inject('databaseUrl'));
  // refunds reach the real sandbox provider through the resolver the API app wires
  server = await serveDashboardApi(
    h.db,
    createRateLimiter({
      prefix: `test:${randomUUID()}`,
      policies: { signUp: { limit: 10_000, window: '1 h' } },
    }),
    { payments: { resolveProvider: h.deps.resolveProvider, jobs: h.deps.jobs } },
  );
});

afterAll(async () => {
  await server?.close();
  await h?.close();
});

type Merchant = Awaited<ReturnType<typeof signUpMerchant>>;

/** A merchant with the sandbox connected (its own webhook secret). */
async function sandboxMerchant(name: string) {
  const merchant = await signUpMerchant(server.url, name);
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  await connectTestIntegration(h.db, {
    tenantId: merchant.tenantId,
    provider: 'sandbox',
    credentials: { webhookSecret: secret },
  });
  return { ...merchant, secret };
}

/** An order the shopper paid with 4242 on the sandbox, its webhooks ingested as forwarded. */
async function paidOrder(merchant: Merchant & { secret: string }, amount: number) {
  const order = await createPayableOrder(h.db, merchant.tenantId, {
    unitAmount: amount,
    quantity: 1,
  });
  await payWithSandboxCard(h, order);
  const tenant = { tenantId: merchant.tenantId, secret: merchant.secret, apiKey: '' };
  for (const delivery of await pendingSandboxDeliveries(h, tenant)) {
    const answer = await ingestPaymentWebhook(h.deps, {
      provider: 'sandbox',
      orgId: merchant.tenantId,
      rawBody: delivery.payload,
      headers: delivery.headers(),
    });
    expect(answer.status).toBeLessThan(300);
  }
  const [row] = await h.db.select().from(orders).where(eq(orders.id, order.id));
  expect(row?.status).toBe('PAID');
  return order;
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = error.data as { code?: string; appCode?: string; details?: unknown };
      return {
        code: data.code,
        appCode: data.appCode,
        details: data.details,
        message: error.message,
      };
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

const refundsOf = (orderId: string) =>
  h.db.select().from(refunds).where(eq(refunds.orderId, orderId));

describe('orders tRPC for the dashboard', () => {
  it('refunds part of a paid order once per form, refuses more than is left with its code, and shows it all', async () => {
    const a = await sandboxMerchant('olga');
    const order = await paidOrder(a, 1000);
    const key = `dash_${randomUUID()}`;
    const refund = await a.client.orders.refund.mutate({
      id: order.id,
      amount: 300,
      idempotencyKey: key,
    });
    expect(refund).toMatchObject({ amount: 300, currency: 'EUR', status: 'succeeded' });
    // the same form submitted twice is one refund
    const again = await a.client.orders.refund.mutate({
      id: order.id,
      amount: 300,
      idempotencyKey: key,
    });
    expect(again.id).toBe(refund.id);

    const over = await refusal(a.client.orders.refund.mutate({ id: order.id, amount: 701 }));
    expect(over).toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
      appCode: 'refund_exceeds_paid',
      details: { remaining: 700 },
    });
    // nothing half-written: the refused refund left no row
    expect((await refundsOf(order.id)).map((r) => [r.amount, r.status])).toEqual([
      [300, 'succeeded'],
    ]);

    const detail = await a.client.orders.get.query({ id: order.id });
    expect(detail).toMatchObject({
      status: 'PARTIALLY_REFUNDED',
      amountPaid: 1000,
      amountRefunded: 300,
    });
    const money = await a.client.orders.payments.query({ id: order.id });
    expect(money.payments).toMatchObject([
      { provider: 'sandbox', amount: 1000, status: 'succeeded' },
    ]);
    expect(money.payments[0]?.providerPaymentId).toBeTruthy();
    expect(money.attempts).toMatchObject([{ attempt: 1, provider: 'sandbox' }]);
    expect(money.refunds).toMatchObject([{ id: refund.id, amount: 300, status: 'succeeded' }]);

    const timeline = await a.client.orders.timeline.query({ id: order.id });
    const types = timeline.map((e) => `${e.source}:${e.type}`);
    expect(types).toContain('event:order.paid');
    expect(types).toContain('event:order.refunded');
    expect(types).toContain('effect:paid');
    expect(types.some((t) => t.startsWith('provider:'))).toBe(true);
    expect([...timeline].sort((x, y) => x.at.localeCompare(y.at))).toEqual(timeline);

    // the rest, in full: "Refund in full" sends no amount
    const rest = await a.client.orders.refund.mutate({ id: order.id });
    expect(rest.amount).toBe(700);
    expect((await a.client.orders.get.query({ id: order.id })).status).toBe('REFUNDED');
    expect(await refusal(a.client.orders.refund.mutate({ id: order.id, amount: 1 }))).toMatchObject(
      {
        appCode: 'order_not_refundable',
      },
    );
  });

  it("another tenant's order is NOT_FOUND for every procedure and stays untouched; a malformed id is BAD_REQUEST", async () => {
    const a = await sandboxMerchant('pia');
    const b = await sandboxMerchant('quinn');
    const order = await paidOrder(a, 800);
    for (const [name, call] of [
      ['get', () => b.client.orders.get.query({ id: order.id })],
      ['payments', () => b.client.orders.payments.query({ id: order.id })],
      ['timeline', () => b.client.orders.timeline.query({ id: order.id })],
      ['refund', () => b.client.orders.refund.mutate({ id: order.id, amount: 100 })],
      ['cancel', () => b.client.orders.cancel.mutate({ id: order.id })],
    ] as const) {
      expect((await refusal(call())).code, name).toBe('NOT_FOUND');
    }
    expect(await refundsOf(order.id)).toEqual([]);
    expect((await b.client.orders.page.query({ search: order.id })).data).toEqual([]);
    expect((await b.client.orders.page.query({})).data).toEqual([]);
    expect((await refusal(b.client.orders.get.query({ id: 'ord_../../x' }))).code).toBe(
      'BAD_REQUEST',
    );
    expect((await a.client.orders.page.query({ search: order.id })).data.map((o) => o.id)).toEqual([
      order.id,
    ]);
  });

  it('a member reads orders but cannot refund or cancel them', async () => {
    const a = await sandboxMerchant('rosa');
    const order = await paidOrder(a, 500);
    const unpaid = await createTestOrder(h.db, { tenantId: a.tenantId });
    await h.db
      .update(members)
      .set({ role: 'member' })
      .where(eq(members.organizationId, a.tenantId));
    expect((await refusal(a.client.orders.refund.mutate({ id: order.id, amount: 100 }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await refusal(a.client.orders.cancel.mutate({ id: unpaid.id }))).code).toBe(
      'FORBIDDEN',
    );
    expect(await refundsOf(order.id)).toEqual([]);
    expect((await h.db.select().from(orders).where(eq(orders.id, unpaid.id)))[0]?.status).toBe(
      'PENDING',
    );
    expect((await a.client.orders.get.query({ id: order.id })).status).toBe('PAID');
  });

  it('pages by keyset through tabs and search without repeating or skipping an order', async () => {
    const a = await signUpMerchant(server.url, 'sam');
    // one statement: every row gets the same created time, so only the id breaks the tie
    const base = {
      tenantId: a.tenantId,
      currency: 'EUR',
      subtotal: 100,
      total: 100,
      fulfillment: 'digital' as const,
    };
    const rows = Array.from({ length: 7 }, (_, i) => {
      const email = i === 3 ? 'Zed.Buyer@example.com' : `buyer${i}@example.com`;
      return {
        ...base,
        id: newId('order'),
        reference: `#TEST000${i}`,
        customer: { name: `Buyer ${i}`, email },
        customerEmail: email.toLowerCase(),
        status: (['PENDING', 'PAID', 'CANCELED', 'REFUNDED', 'PENDING', 'PAID', 'FAILED'] as const)[
          i
        ],
        needsReview: i === 5,
      };
    });
    await h.db.insert(orders).values(rows);
    // the order row does not always name its provider: its checkout attempt does
    await h.db.insert(paymentAttempts).values({
      id: newId('paymentAttempt'),
      tenantId: a.tenantId,
      orderId: rows[1]?.id ?? '',
      attempt: 1,
      provider: 'stripe',
      status: 'open',
    });

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const result = await a.client.orders.page.query({ limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...result.data.map((o) => o.id));
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort()).toEqual(rows.map((r) => r.id).sort());

    const providers = (await a.client.orders.page.query({})).data.map((o) => [
      o.reference,
      o.provider,
    ]);
    expect(providers.filter(([, p]) => p !== null)).toEqual([['#TEST0001', 'stripe']]);

    const ids = async (input: Parameters<typeof a.client.orders.page.query>[0]) =>
      (await a.client.orders.page.query(input)).data.map((o) => o.reference).sort();
    expect(await ids({ view: 'paid' })).toEqual(['#TEST0001', '#TEST0005']);
    expect(await ids({ view: 'pending' })).toEqual(['#TEST0000', '#TEST0004', '#TEST0006']);
    expect(await ids({ view: 'needs_review' })).toEqual(['#TEST0005']);
    expect(await ids({ view: 'refunded' })).toEqual(['#TEST0003']);
    expect(await ids({ view: 'canceled' })).toEqual(['#TEST0002']);
    expect(await ids({ search: 'zed.BUYER' })).toEqual(['#TEST0003']);
    expect(await ids({ search: 'test0004' })).toEqual(['#TEST0004']);
    expect(await ids({ search: rows[6]?.id ?? '' })).toEqual(['#TEST0006']);
    // a LIKE wildcard is a character to look for, not a pattern
    expect(await ids({ search: '%' })).toEqual([]);

    for (const cursor of ['not a cursor', Buffer.from('2026-01-01|ord_x').toString('base64url')]) {
      expect((await refusal(a.client.orders.page.query({ cursor }))).code).toBe('BAD_REQUEST');
    }
  });
});
