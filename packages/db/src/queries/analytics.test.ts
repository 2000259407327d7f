import { newId } from '@prood/validators';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '../client';
import { fulfillmentLog, orders, paymentAttempts, refunds } from '../schema';
import { createTestOrder, createTestTenant } from '../testing';
import { checkoutConversion, checkoutFunnel, refundsByDay, salesByDay } from './analytics';

let db: Database;
beforeAll(() => {
  db = createDatabase(inject('databaseUrl'), { max: 4 });
});
afterAll(async () => {
  await db.$client.end();
});

async function paidOrder(
  tenantId: string,
  input: { total: number; currency?: string; paidAt: string; refunded?: number },
) {
  const order = await createTestOrder(db, {
    tenantId,
    total: input.total,
    currency: input.currency,
  });
  await db
    .update(orders)
    .set({
      paidAt: new Date(input.paidAt),
      amountPaid: input.total,
      amountRefunded: input.refunded ?? 0,
    })
    .where(eq(orders.id, order.id));
  return order;
}

async function attempt(tenantId: string, orderId: string, createdAt: string, n = 1) {
  await db.insert(paymentAttempts).values({
    id: newId('paymentAttempt'),
    tenantId,
    orderId,
    attempt: n,
    status: 'open',
    createdAt: new Date(createdAt),
  });
}

describe('sales analytics queries', () => {
  it('sums paid orders per UTC day and currency inside the range, for one tenant only', async () => {
    const a = await createTestTenant(db);
    const b = await createTestTenant(db);
    await paidOrder(a.id, { total: 1000, paidAt: '2026-11-10T23:30:00Z', refunded: 200 });
    await paidOrder(a.id, { total: 500, paidAt: '2026-11-10T00:00:00Z' });
    await paidOrder(a.id, { total: 700, currency: 'USD', paidAt: '2026-11-11T12:00:00Z' });
    // outside [from, to): the end is exclusive
    await paidOrder(a.id, { total: 9999, paidAt: '2026-11-12T00:00:00Z' });
    await paidOrder(a.id, { total: 9999, paidAt: '2026-11-09T23:59:59Z' });
    await createTestOrder(db, { tenantId: a.id, total: 4242 }); // never paid
    await paidOrder(b.id, { total: 8888, paidAt: '2026-11-10T12:00:00Z' });

    const range = { from: new Date('2026-11-10T00:00:00Z'), to: new Date('2026-11-12T00:00:00Z') };
    expect(await salesByDay(db, { tenantId: a.id, ...range })).toEqual([
      { day: '2026-11-10', currency: 'EUR', gross: 1500, refunded: 200, orders: 2 },
      { day: '2026-11-11', currency: 'USD', gross: 700, refunded: 0, orders: 1 },
    ]);
    expect(await salesByDay(db, { tenantId: b.id, ...range })).toEqual([
      { day: '2026-11-10', currency: 'EUR', gross: 8888, refunded: 0, orders: 1 },
    ]);
  });

  it('counts started checkouts once per order and how many of them were paid', async () => {
    const a = await createTestTenant(db);
    const paid = await paidOrder(a.id, { total: 1000, paidAt: '2026-11-10T10:05:00Z' });
    await attempt(a.id, paid.id, '2026-11-10T10:00:00Z');
    const retried = await paidOrder(a.id, { total: 1000, paidAt: '2026-11-10T11:00:00Z' });
    await attempt(a.id, retried.id, '2026-11-10T10:30:00Z');
    await db.insert(paymentAttempts).values({
      id: newId('paymentAttempt'),
      tenantId: a.id,
      orderId: retried.id,
      attempt: 2,
      status: 'ended',
      createdAt: new Date('2026-11-10T10:50:00Z'),
    });
    const abandoned = await createTestOrder(db, { tenantId: a.id });
    await attempt(a.id, abandoned.id, '2026-11-10T12:00:00Z');
    const before = await createTestOrder(db, { tenantId: a.id });
    await attempt(a.id, before.id, '2026-11-01T12:00:00Z');

    const range = { from: new Date('2026-11-10T00:00:00Z'), to: new Date('2026-11-11T00:00:00Z') };
    expect(await checkoutConversion(db, { tenantId: a.id, ...range })).toEqual({
      started: 3,
      paid: 2,
    });
    const other = await createTestTenant(db);
    expect(await checkoutConversion(db, { tenantId: other.id, ...range })).toEqual({
      started: 0,
      paid: 0,
    });
  });

  it('sums succeeded refunds by the UTC day they happened, per currency and tenant', async () => {
    const a = await createTestTenant(db);
    const b = await createTestTenant(db);
    const order = await paidOrder(a.id, { total: 5000, paidAt: '2026-11-01T10:00:00Z' });
    const usd = await paidOrder(a.id, {
      total: 900,
      currency: 'USD',
      paidAt: '2026-11-01T10:00:00Z',
    });
    const other = await paidOrder(b.id, { total: 5000, paidAt: '2026-11-01T10:00:00Z' });
    const refund = (
      tenantId: string,
      orderId: string,
      amount: number,
      at: string,
      status: 'succeeded' | 'pending' | 'failed' = 'succeeded',
      currency = 'EUR',
    ) =>
      db.insert(refunds).values({
        id: newId('refund'),
        tenantId,
        orderId,
        provider: 'sandbox',
        amount,
        currency,
        status,
        createdAt: new Date(at),
      });
    await refund(a.id, order.id, 100, '2026-11-10T00:00:00Z');
    await refund(a.id, order.id, 250, '2026-11-10T23:59:59Z');
    await refund(a.id, order.id, 400, '2026-11-11T08:00:00Z', 'failed');
    await refund(a.id, order.id, 300, '2026-11-11T08:00:00Z', 'pending');
    await refund(a.id, usd.id, 50, '2026-11-11T09:00:00Z', 'succeeded', 'USD');
    await refund(a.id, order.id, 999, '2026-11-12T00:00:00Z'); // the end is exclusive
    await refund(b.id, other.id, 777, '2026-11-10T12:00:00Z');
    const range = { from: new Date('2026-11-10T00:00:00Z'), to: new Date('2026-11-12T00:00:00Z') };
    expect(await refundsByDay(db, { tenantId: a.id, ...range })).toEqual([
      { day: '2026-11-10', currency: 'EUR', amount: 350, refunds: 2 },
      { day: '2026-11-11', currency: 'USD', amount: 50, refunds: 1 },
    ]);
  });

  it('splits the checkout sessions opened in the range into paid, expired or abandoned, and other', async () => {
    const a = await createTestTenant(db);
    const setAttempt = (orderId: string, n: number) =>
      db.update(orders).set({ attempt: n }).where(eq(orders.id, orderId));
    const expire = (tenantId: string, orderId: string, n: number) =>
      db.insert(fulfillmentLog).values({
        id: newId('fulfillment'),
        tenantId,
        orderId,
        event: `attempt_expired:${n}`,
      });
    // paid on its first session
    const paid = await paidOrder(a.id, { total: 1000, paidAt: '2026-11-10T10:05:00Z' });
    await attempt(a.id, paid.id, '2026-11-10T10:00:00Z');
    await setAttempt(paid.id, 1);
    // first session expired, paid on the second: one expired, one paid
    const second = await paidOrder(a.id, { total: 1000, paidAt: '2026-11-10T12:00:00Z' });
    await attempt(a.id, second.id, '2026-11-10T10:30:00Z', 1);
    await expire(a.id, second.id, 1);
    await attempt(a.id, second.id, '2026-11-10T11:50:00Z', 2);
    await setAttempt(second.id, 2);
    // abandoned: expired, never paid
    const abandoned = await createTestOrder(db, { tenantId: a.id });
    await attempt(a.id, abandoned.id, '2026-11-10T13:00:00Z');
    await setAttempt(abandoned.id, 1);
    await expire(a.id, abandoned.id, 1);
    // still open
    const open = await createTestOrder(db, { tenantId: a.id });
    await attempt(a.id, open.id, '2026-11-10T14:00:00Z');
    await setAttempt(open.id, 1);
    // outside the range
    const before = await createTestOrder(db, { tenantId: a.id });
    await attempt(a.id, before.id, '2026-11-09T23:59:59Z');
    await expire(a.id, before.id, 1);

    const range = { from: new Date('2026-11-10T00:00:00Z'), to: new Date('2026-11-11T00:00:00Z') };
    expect(await checkoutFunnel(db, { tenantId: a.id, ...range })).toEqual({
      opened: 5,
      paid: 2,
      expired: 2,
      other: 1,
    });
    const b = await createTestTenant(db);
    expect(await checkoutFunnel(db, { tenantId: b.id, ...range })).toEqual({
      opened: 0,
      paid: 0,
      expired: 0,
      other: 0,
    });
  });
});
