import { createDatabase, type Database } from '@prood/db';
import { orderItems, orders } from '@prood/db/schema';
import { and, eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { type SeededTenant, seedStorefrontTenant } from '../testing/fixtures';
import { createOrder } from './orders';

// the references drawn, in order: a test sets what the next draws return
const drawn = vi.hoisted(() => ({ next: [] as string[] }));
vi.mock('@prood/db', async (original) => {
  const actual = await original<typeof import('@prood/db')>();
  return {
    ...actual,
    newOrderReference: () => drawn.next.shift() ?? actual.newOrderReference(),
  };
});

let db: Database;
let tenant: SeededTenant;
beforeAll(async () => {
  db = createDatabase(inject('databaseUrl'), { max: 4 });
  tenant = await seedStorefrontTenant(db);
});
afterAll(async () => {
  await db.$client.end();
});

const input = () => ({
  items: [{ priceId: tenant.products.ebook.priceId, quantity: 1 }],
  customer: { name: 'Ada Shopper', email: 'ada@example.com' },
  fulfillment: { method: 'digital' as const },
});
const ctx = () => ({ db, tenantId: tenant.tenantId, logger: pino({ level: 'silent' }) });

describe('order references', () => {
  it('draws again when the reference is taken, with nothing of the first try left behind', async () => {
    const first = await createOrder(ctx(), input());
    // the next order's first draw collides with the first order's reference
    drawn.next = [first.order.reference, '#RETRY001'];
    const second = await createOrder(ctx(), input());
    expect(second.order.reference).toBe('#RETRY001');
    expect(second.items).toHaveLength(1);
    const lines = await db
      .select()
      .from(orderItems)
      .where(
        and(eq(orderItems.tenantId, tenant.tenantId), eq(orderItems.orderId, second.order.id)),
      );
    expect(lines).toHaveLength(1);
    // the first order kept its reference and its one line
    const [kept] = await db.select().from(orders).where(eq(orders.id, first.order.id));
    expect(kept?.reference).toBe(first.order.reference);
  });

  it('gives up after five taken references, writing nothing', async () => {
    const first = await createOrder(ctx(), input());
    drawn.next = Array.from({ length: 5 }, () => first.order.reference);
    const before = await db.select().from(orders).where(eq(orders.tenantId, tenant.tenantId));
    await expect(createOrder(ctx(), input())).rejects.toThrow('no free order reference');
    const after = await db.select().from(orders).where(eq(orders.tenantId, tenant.tenantId));
    expect(after).toHaveLength(before.length);
  });
});
