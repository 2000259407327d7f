import { randomBytes, randomUUID } from 'node:crypto';
import {
  events,
  fulfillmentLog,
  mailOutbox,
  members,
  orders,
  paymentAttempts,
  refunds,
} from '@prood/db/schema';
import { createTestOrder } from '@prood/db/testing';
import { createRateLimiter } from '@prood/http/rate-limit';
import { newId } from '@prood/validators';
import { TRPCClientError } from '@trpc/client';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sendOrderConfirmation } from '../jobs/handlers/send-order-confirmation';
import { sendShipmentNotification } from '../jobs/handlers/send-shipment-notification';
import { createMailer } from '../jobs/mailer';
import { JOB_QUEUES } from '../jobs/queues';
import { RECEIPT_RESEND_LIMIT, resendReceipt } from '../payments/fulfilment';
import { ingestPaymentWebhook } from '../payments/ingest-webhook';
import {
  connectTestIntegration,
  createPayableOrder,
  createPaymentsHarness,
  type PaymentsHarness,
  payWithSandboxCard,
  pendingSandboxDeliveries,
} from '../payments/testing';
import { parseCsv } from '../testing/csv';
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
async function paidOrder(
  merchant: Merchant & { secret: string },
  amount: number,
  fulfillment: 'digital' | 'shipping' | 'pickup' | 'local_delivery' = 'digital',
) {
  const order = await createPayableOrder(h.db, merchant.tenantId, {
    unitAmount: amount,
    quantity: 1,
    fulfillment,
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

/** Every order row of a test, inserted in one statement with the created time it names. */
async function insertOrders(
  tenantId: string,
  specs: Array<{
    createdAt: string;
    name: string;
    email: string;
    provider?: string | null;
    status?: (typeof orders.$inferInsert)['status'];
    total?: number;
    currency?: string;
  }>,
) {
  const rows = specs.map((spec) => ({
    id: newId('order'),
    tenantId,
    reference: `#${randomBytes(4).toString('hex').toUpperCase()}`,
    currency: spec.currency ?? 'EUR',
    subtotal: spec.total ?? 1000,
    total: spec.total ?? 1000,
    customer: { name: spec.name, email: spec.email },
    customerEmail: spec.email,
    fulfillment: 'shipping' as const,
    provider: spec.provider ?? null,
    status: spec.status ?? 'PAID',
    createdAt: new Date(spec.createdAt),
  }));
  await h.db.insert(orders).values(rows);
  return rows;
}

const mailsOf = (orderId: string, kind: string) =>
  h.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.orderId, orderId), eq(mailOutbox.kind, kind)));

/** The CSV download as the dashboard's browser asks for it (session cookie, query filters). */
async function downloadCsv(merchant: Merchant, query: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/api/orders/export?${new URLSearchParams(query)}`, {
    headers: { cookie: merchant.cookie },
  });
  return { response, text: await response.text() };
}

describe('orders list filters, CSV export, fulfilment and receipts', () => {
  it('filters by days in the viewer’s zone, provider and customer name, within the tenant only', async () => {
    const a = await signUpMerchant(server.url, 'tess');
    const b = await signUpMerchant(server.url, 'uma');
    const [late, early, named, older] = await insertOrders(a.tenantId, [
      // 2026-03-01 23:30 in Berlin (UTC+1) is still 22:30 UTC on the same day
      { createdAt: '2026-03-01T22:30:00Z', name: 'Lena Late', email: 'l@example.com' },
      // 00:30 Berlin on 2026-03-02 is 23:30 UTC on 2026-03-01
      {
        createdAt: '2026-03-01T23:30:00Z',
        name: 'Erik Early',
        email: 'e@example.com',
        provider: 'stripe',
      },
      {
        createdAt: '2026-03-03T12:00:00Z',
        name: 'Grace Hopper',
        email: 'gh@example.com',
        provider: 'sandbox',
      },
      { createdAt: '2026-02-27T12:00:00Z', name: 'Old Oscar', email: 'o@example.com' },
    ]);
    await insertOrders(b.tenantId, [
      { createdAt: '2026-03-01T12:00:00Z', name: 'Grace Other', email: 'g2@example.com' },
    ]);
    const refs = async (input: Parameters<typeof a.client.orders.page.query>[0]) =>
      (await a.client.orders.page.query(input)).data.map((o) => o.id);

    // Berlin's March 1st ends at 23:00 UTC: the 23:30 UTC order belongs to March 2nd there
    expect(
      await refs({ createdFrom: '2026-03-01', createdTo: '2026-03-01', timeZone: 'Europe/Berlin' }),
    ).toEqual([late?.id]);
    expect(
      await refs({ createdFrom: '2026-03-02', createdTo: '2026-03-02', timeZone: 'Europe/Berlin' }),
    ).toEqual([early?.id]);
    // without a zone the days are UTC days: both land on March 1st
    expect(await refs({ createdFrom: '2026-03-01', createdTo: '2026-03-01' })).toEqual([
      early?.id,
      late?.id,
    ]);
    // open-ended ranges
    expect(await refs({ createdFrom: '2026-03-02' })).toEqual([named?.id]);
    expect(await refs({ createdTo: '2026-02-28' })).toEqual([older?.id]);

    expect(await refs({ provider: 'stripe' })).toEqual([early?.id]);
    expect(await refs({ provider: 'sandbox' })).toEqual([named?.id]);
    // part of the name, any case; tenant B's "Grace" is not found from A, and A's not from B
    expect(await refs({ search: 'grace hop' })).toEqual([named?.id]);
    expect(await refs({ search: 'GRACE' })).toEqual([named?.id]);
    expect(
      (await b.client.orders.page.query({ search: 'grace' })).data.map((o) => o.customerName),
    ).toEqual(['Grace Other']);
    expect(
      (await b.client.orders.page.query({ search: 'hopper' })).data.map((o) => o.customerName),
    ).toEqual([]);
    // combined: status tab + range + provider
    expect(
      await refs({ view: 'paid', provider: 'stripe', createdFrom: '2026-03-01', timeZone: 'UTC' }),
    ).toEqual([early?.id]);

    // bad filters are BAD_REQUEST, never a 500
    for (const input of [
      { createdFrom: '2026-02-30' },
      { createdFrom: '1st of March' },
      { createdFrom: '2026-03-05', createdTo: '2026-03-01' },
      { timeZone: 'Mars/Olympus' },
      { timeZone: "UTC'; drop table orders;--" },
    ]) {
      expect((await refusal(a.client.orders.page.query(input))).code, JSON.stringify(input)).toBe(
        'BAD_REQUEST',
      );
    }
    expect(
      (await refusal(a.client.orders.page.query({ provider: 'paypal' as 'stripe' }))).code,
    ).toBe('BAD_REQUEST');
  });

  it('exports every matching order as CSV across keyset batches: quoted, formula-safe, decimals, tenant-scoped', async () => {
    const a = await signUpMerchant(server.url, 'vera');
    const b = await signUpMerchant(server.url, 'wes');
    // more rows than one export batch (1000), so the stream crosses batches
    const many = Array.from({ length: 1203 }, (_, i) => ({
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      name: `Buyer ${i}`,
      email: `buyer${i}@example.com`,
      total: 1000 + i,
    }));
    const inserted = await insertOrders(a.tenantId, many);
    const [tricky, yen, kwd] = await insertOrders(a.tenantId, [
      {
        createdAt: '2026-02-01T10:00:00Z',
        name: '=HYPERLINK("http://evil.test","click"), Jr.',
        email: '+cmd@example.com',
        total: 123456,
      },
      {
        createdAt: '2026-02-01T11:00:00Z',
        name: '@SUM(A1)',
        email: 'y@example.com',
        total: 500,
        currency: 'JPY',
      },
      {
        createdAt: '2026-02-01T12:00:00Z',
        name: '-2+3',
        email: 'k@example.com',
        total: 1005,
        currency: 'KWD',
      },
    ]);
    await insertOrders(b.tenantId, [
      { createdAt: '2026-02-01T10:00:00Z', name: 'Other Tenant', email: 'other@example.com' },
    ]);

    const all = await downloadCsv(a);
    expect(all.response.status).toBe(200);
    expect(all.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(all.response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = parseCsv(all.text);
    const [header, ...lines] = rows;
    expect(header?.slice(0, 3)).toEqual(['id', 'reference', 'created_at']);
    expect(lines).toHaveLength(1206);
    const ids = lines.map((line) => line[0]);
    expect(new Set(ids).size).toBe(1206);
    expect([...ids].sort()).toEqual([...inserted, tricky, yen, kwd].map((r) => r?.id).sort());
    expect(all.text).not.toContain('Other Tenant');

    const column = (name: string) => header?.indexOf(name) ?? -1;
    const line = (id: string | undefined) => lines.find((l) => l[0] === id) ?? [];
    // formula-looking cells start with a quote mark; commas and quotes survive quoting
    expect(line(tricky?.id)[column('customer_name')]).toBe(
      `'=HYPERLINK("http://evil.test","click"), Jr.`,
    );
    expect(line(tricky?.id)[column('customer_email')]).toBe(`'+cmd@example.com`);
    expect(line(yen?.id)[column('customer_name')]).toBe(`'@SUM(A1)`);
    expect(line(kwd?.id)[column('customer_name')]).toBe(`'-2+3`);
    // amounts are decimals in the currency's exponent, the currency beside them
    expect([line(tricky?.id)[column('total')], line(tricky?.id)[column('currency')]]).toEqual([
      '1234.56',
      'EUR',
    ]);
    expect(line(yen?.id)[column('total')]).toBe('500');
    expect(line(kwd?.id)[column('total')]).toBe('1.005');
    expect(line(inserted[0]?.id)[column('created_at')]).toBe('2026-01-01T00:00:00.000Z');

    // the filters of the list apply, newest first
    const february = parseCsv(
      (await downloadCsv(a, { createdFrom: '2026-02-01', timeZone: 'UTC' })).text,
    ).slice(1);
    expect(february.map((l) => l[0])).toEqual([kwd?.id, yen?.id, tricky?.id]);
    const searched = parseCsv((await downloadCsv(a, { search: 'hyperlink' })).text).slice(1);
    expect(searched.map((l) => l[0])).toEqual([tricky?.id]);

    // tenant B downloads only its own order
    const other = parseCsv((await downloadCsv(b)).text).slice(1);
    expect(other.map((l) => l[column('customer_name')])).toEqual(['Other Tenant']);

    // a member may download; no session is 401; bad filters a 400 naming the field
    await h.db
      .update(members)
      .set({ role: 'member' })
      .where(eq(members.organizationId, b.tenantId));
    expect((await downloadCsv(b)).response.status).toBe(200);
    const anonymous = await fetch(`${server.url}/api/orders/export`);
    expect(anonymous.status).toBe(401);
    const bad = await downloadCsv(a, { createdFrom: 'yesterday' });
    expect(bad.response.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({
      error: { code: 'validation_error', details: [{ field: 'query.createdFrom' }] },
    });
  });

  it('fulfils a paid shipped order once with its tracking, emits order.fulfilled and mails the shopper once', async () => {
    const a = await sandboxMerchant('xena');
    const order = await paidOrder(a, 1500, 'shipping');
    const unpaid = await createTestOrder(h.db, { tenantId: a.tenantId });

    // a shipped order needs its tracking; an unsafe link is refused next to its field
    expect((await refusal(a.client.orders.fulfil.mutate({ id: order.id }))).code).toBe(
      'BAD_REQUEST',
    );
    const http = await refusal(
      a.client.orders.fulfil.mutate({
        id: order.id,
        shipment: {
          carrier: 'DHL',
          trackingNumber: 'JD014600',
          trackingUrl: 'http://track.example/JD014600',
        },
      }),
    );
    expect(http.code).toBe('BAD_REQUEST');
    expect((await h.db.select().from(orders).where(eq(orders.id, order.id)))[0]?.status).toBe(
      'PAID',
    );
    // not for an unpaid order
    expect(
      await refusal(
        a.client.orders.fulfil.mutate({
          id: unpaid.id,
          shipment: { carrier: 'DHL', trackingNumber: 'X1' },
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', appCode: 'conflict' });

    // two merchants clicking at once: one fulfilment, one conflict
    const shipment = {
      carrier: 'DHL Express',
      trackingNumber: 'JD014600',
      trackingUrl: 'https://track.example/JD014600',
    };
    const results = await Promise.allSettled([
      a.client.orders.fulfil.mutate({ id: order.id, shipment }),
      a.client.orders.fulfil.mutate({ id: order.id, shipment }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toBeInstanceOf(TRPCClientError);
    expect(((rejected as PromiseRejectedResult).reason as TRPCClientError<never>).message).toBe(
      'This order is already fulfilled.',
    );

    const detail = await a.client.orders.get.query({ id: order.id });
    expect(detail).toMatchObject({ status: 'FULFILLED', shipment });
    expect(detail.fulfilledAt).toBeTruthy();
    const fulfilledEvents = await h.db
      .select()
      .from(events)
      .where(and(eq(events.tenantId, a.tenantId), eq(events.type, 'order.fulfilled')));
    expect(fulfilledEvents).toHaveLength(1);

    // one mail job, and the mail is sent once however often the job runs
    const jobs = await h.jobs.boss.findJobs(JOB_QUEUES.orderShippedEmail, {
      data: { orderId: order.id },
    });
    expect(jobs).toHaveLength(1);
    const mailer = createMailer({ from: 'shop@prood.test' });
    const data = { tenantId: a.tenantId, orderId: order.id };
    expect(await sendShipmentNotification(h.db, mailer, data)).toBe('sent');
    expect(await sendShipmentNotification(h.db, mailer, data)).toBe('skipped');
    const mails = await mailsOf(order.id, 'order_shipped');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain('Tracking number: JD014600');
    expect(mails[0]?.text).toContain('https://track.example/JD014600');

    const timeline = await a.client.orders.timeline.query({ id: order.id });
    const fulfilled = timeline.find((e) => e.source === 'effect' && e.type === 'fulfilled');
    expect(fulfilled?.details).toMatchObject({ by: 'merchant', carrier: 'DHL Express' });
    expect(timeline.map((e) => `${e.source}:${e.type}`)).toEqual(
      expect.arrayContaining(['event:order.fulfilled', 'effect:mail:order_shipped']),
    );
  });

  it('marks a pickup or local-delivery order picked up or delivered, without tracking, once, in fitting words', async () => {
    const a = await sandboxMerchant('yuki');
    for (const [method, wording] of [
      ['pickup', 'was picked up'],
      ['local_delivery', 'was delivered'],
    ] as const) {
      const order = await paidOrder(a, 900, method);
      // a carrier and tracking do not belong to it: refused, nothing changes
      const refused = await refusal(
        a.client.orders.fulfil.mutate({
          id: order.id,
          shipment: { carrier: 'DHL', trackingNumber: 'X1' },
        }),
      );
      expect(refused.code).toBe('BAD_REQUEST');
      expect((await h.db.select().from(orders).where(eq(orders.id, order.id)))[0]?.status).toBe(
        'PAID',
      );
      // two clicks at once: one fulfilment, one event, one mail job
      const results = await Promise.allSettled([
        a.client.orders.fulfil.mutate({ id: order.id }),
        a.client.orders.fulfil.mutate({ id: order.id }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const fulfilledEvents = (
        await h.db
          .select()
          .from(events)
          .where(and(eq(events.tenantId, a.tenantId), eq(events.type, 'order.fulfilled')))
      ).filter((e) => JSON.stringify(e).includes(order.id));
      expect(fulfilledEvents).toHaveLength(1);
      const jobs = await h.jobs.boss.findJobs(JOB_QUEUES.orderShippedEmail, {
        data: { orderId: order.id },
      });
      expect(jobs).toHaveLength(1);
      const mailer = createMailer({ from: 'shop@prood.test' });
      expect(
        await sendShipmentNotification(h.db, mailer, { tenantId: a.tenantId, orderId: order.id }),
      ).toBe('sent');
      const [mail] = await mailsOf(order.id, 'order_shipped');
      expect(mail?.subject).toContain(wording);
      expect(mail?.text).toContain(wording);
      expect(mail?.text).not.toContain('Tracking');
      const timeline = await a.client.orders.timeline.query({ id: order.id });
      const effect = timeline.find((e) => e.source === 'effect' && e.type === 'fulfilled');
      expect(effect?.details).toMatchObject({ by: 'merchant', method });
    }
  });

  it('stores and shows a refund reason with a note', async () => {
    const a = await sandboxMerchant('yara');
    const order = await paidOrder(a, 900);
    const refund = await a.client.orders.refund.mutate({
      id: order.id,
      amount: 400,
      reason: 'requested_by_customer',
      note: '  Box arrived crushed  ',
    });
    expect(refund).toMatchObject({ reason: 'requested_by_customer', note: 'Box arrived crushed' });
    const money = await a.client.orders.payments.query({ id: order.id });
    expect(money.refunds).toMatchObject([
      { amount: 400, reason: 'requested_by_customer', note: 'Box arrived crushed' },
    ]);
    expect(
      (
        await refusal(
          a.client.orders.refund.mutate({ id: order.id, amount: 1, note: 'x'.repeat(501) }),
        )
      ).code,
    ).toBe('BAD_REQUEST');
  });

  it('resends the receipt on request, once per request, rate-limited; members and unpaid orders are refused', async () => {
    const a = await sandboxMerchant('zoe');
    const order = await paidOrder(a, 700);
    const unpaid = await createTestOrder(h.db, { tenantId: a.tenantId });
    const mailer = createMailer({ from: 'shop@prood.test' });

    expect(await a.client.orders.resendReceipt.mutate({ id: order.id })).toMatchObject({
      resend: 1,
    });
    // a second click straight away is refused: the shopper is not spammed
    expect(await refusal(a.client.orders.resendReceipt.mutate({ id: order.id }))).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      appCode: 'rate_limited',
    });
    const jobs = await h.jobs.boss.findJobs(JOB_QUEUES.orderConfirmationEmail, {
      data: { orderId: order.id, resend: 1 },
    });
    expect(jobs).toHaveLength(1);
    const data = { tenantId: a.tenantId, orderId: order.id };
    // the first confirmation and the resend are two mails; each job run twice sends once
    for (const job of [data, { ...data, resend: 1 }]) {
      expect(await sendOrderConfirmation(h.db, mailer, job)).toBe('sent');
      expect(await sendOrderConfirmation(h.db, mailer, job)).toBe('skipped');
    }
    expect(await mailsOf(order.id, 'order_confirmation')).toHaveLength(2);

    // ten minutes later a second resend is allowed; after five, none
    const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    for (let n = 2; n <= RECEIPT_RESEND_LIMIT.max; n += 1) {
      await h.db
        .update(fulfillmentLog)
        .set({ createdAt: later(-11) })
        .where(eq(fulfillmentLog.orderId, order.id));
      expect(
        (await resendReceipt(h.db, h.jobs.enqueuer, { tenantId: a.tenantId, orderId: order.id }))
          .resend,
      ).toBe(n);
    }
    await h.db
      .update(fulfillmentLog)
      .set({ createdAt: later(-60) })
      .where(eq(fulfillmentLog.orderId, order.id));
    expect(await refusal(a.client.orders.resendReceipt.mutate({ id: order.id }))).toMatchObject({
      appCode: 'rate_limited',
    });

    expect(await refusal(a.client.orders.resendReceipt.mutate({ id: unpaid.id }))).toMatchObject({
      code: 'CONFLICT',
    });
    await h.db
      .update(members)
      .set({ role: 'member' })
      .where(eq(members.organizationId, a.tenantId));
    for (const call of [
      () => a.client.orders.resendReceipt.mutate({ id: order.id }),
      () =>
        a.client.orders.fulfil.mutate({
          id: order.id,
          shipment: { carrier: 'DHL', trackingNumber: 'X1' },
        }),
    ]) {
      expect((await refusal(call())).code).toBe('FORBIDDEN');
    }
    // another tenant's order is NOT_FOUND for the new actions too
    const b = await sandboxMerchant('abe');
    for (const call of [
      () => b.client.orders.resendReceipt.mutate({ id: order.id }),
      () =>
        b.client.orders.fulfil.mutate({
          id: order.id,
          shipment: { carrier: 'D', trackingNumber: '1' },
        }),
    ]) {
      expect((await refusal(call())).code).toBe('NOT_FOUND');
    }
  });
});
