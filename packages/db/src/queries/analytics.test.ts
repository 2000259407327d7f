import { newId } from '@prood/validators';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '../client';
import { orders, paymentAttempts } from '../schema';
import { createTestOrder, createTestTenant } from '../testing';
import { checkoutConversion, salesByDay } from './analytics';

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

async function attempt(tenantId: string, orderId: string, createdAt: string) {
  await db.insert(paymentAttempts).values({
    id: newId('paymentAttempt'),
    tenantId,
    orderId,
    attempt: 1,
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
});
