import { newId } from '@prood/validators';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '../client';
import { orderItems, orders, webhookEvents } from '../schema';
import { createTestOrder, createTestProduct, createTestTenant } from '../testing';
import {
  findActiveApiKey,
  generateApiKeySecret,
  hashApiKeySecret,
  insertApiKey,
  revokeApiKey,
} from './api-keys';
import { getCouponByCode, getProduct, listPrices, listProducts } from './catalog';
import {
  canTransition,
  ORDER_TRANSITIONS,
  type OrderStatus,
  OrderTransitionError,
} from './order-status';
import {
  getOrder,
  getOrderByReference,
  insertOrder,
  listOrderItems,
  listOrders,
  newOrderReference,
  transitionOrderStatus,
} from './orders';
import { getOrderWithLatestAttempt, reservePaymentAttempt } from './payment-attempts';
import { recordWebhookEvent } from './webhook-events';

let db: Database;
beforeAll(() => {
  db = createDatabase(inject('databaseUrl'), { max: 4 });
});
afterAll(async () => {
  await db.$client.end();
});

/** Postgres error code of a rejected statement (drizzle wraps the driver error in `cause`). */
async function pgErrorCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return cause?.code ?? (error as { code?: string }).code;
  }
  return undefined;
}

describe('constraints', () => {
  it('store a provider event once per tenant and provider', async () => {
    const tenant = await createTestTenant(db);
    const other = await createTestTenant(db);
    const event = {
      provider: 'stripe',
      eventId: 'evt_1Abc',
      type: 'checkout.session.completed',
      handledAt: new Date(),
    };
    const first = await recordWebhookEvent(db, { tenantId: tenant.id, ...event });
    expect(first.apply).toBe(true);
    // a redelivery of a handled event is the same row, and is not applied again
    expect(await recordWebhookEvent(db, { tenantId: tenant.id, ...event })).toEqual({
      id: first.id,
      apply: false,
    });
    // the same provider event id under another tenant or provider is a different event
    expect((await recordWebhookEvent(db, { tenantId: other.id, ...event })).apply).toBe(true);
    expect(
      (await recordWebhookEvent(db, { tenantId: tenant.id, ...event, provider: 'sandbox' })).apply,
    ).toBe(true);
    // a plain insert of the duplicate is refused by the unique key itself
    const code = await pgErrorCode(
      db.insert(webhookEvents).values({ id: newId('event'), tenantId: tenant.id, ...event }),
    );
    expect(code).toBe('23505');
    const rows = await db.select().from(webhookEvents).where(eq(webhookEvents.eventId, 'evt_1Abc'));
    expect(rows).toHaveLength(3);
  });

  it('refuse a duplicate order reference within a tenant, allow it across tenants', async () => {
    const a = await createTestTenant(db);
    const b = await createTestTenant(db);
    const reference = newOrderReference();
    await createTestOrder(db, { tenantId: a.id, reference });
    expect(await pgErrorCode(createTestOrder(db, { tenantId: a.id, reference }))).toBe('23505');
    await expect(createTestOrder(db, { tenantId: b.id, reference })).resolves.toBeDefined();
  });

  it('insertOrder writes nothing and answers undefined when the reference is taken, in a transaction that goes on', async () => {
    const tenant = await createTestTenant(db);
    const taken = await createTestOrder(db, { tenantId: tenant.id });
    const order = (reference: string) => ({
      id: newId('order'),
      reference,
      currency: 'EUR',
      subtotal: 100,
      total: 100,
      customer: { name: 'Ada', email: 'ada@example.com' },
      customerEmail: 'ada@example.com',
      fulfillment: 'digital' as const,
    });
    const clash = order(taken.reference);
    const fresh = order(newOrderReference());
    const [first, second] = await db.transaction(async (tx) => [
      await insertOrder(tx, { tenantId: tenant.id, order: clash }),
      await insertOrder(tx, { tenantId: tenant.id, order: fresh }),
    ]);
    expect(first).toBeUndefined();
    expect(second?.id).toBe(fresh.id);
    expect(await getOrder(db, { tenantId: tenant.id, orderId: clash.id })).toBeUndefined();
  });

  it('refuse malformed references, negative totals and refunds beyond the paid amount', async () => {
    const tenant = await createTestTenant(db);
    expect(
      await pgErrorCode(createTestOrder(db, { tenantId: tenant.id, reference: 'ORDER-1' })),
    ).toBe('23514');
    expect(await pgErrorCode(createTestOrder(db, { tenantId: tenant.id, total: -1 }))).toBe(
      '23514',
    );
    const order = await createTestOrder(db, { tenantId: tenant.id, total: 500 });
    expect(
      await pgErrorCode(
        db
          .update(orders)
          .set({ amountPaid: 500, amountRefunded: 501 })
          .where(eq(orders.id, order.id)),
      ),
    ).toBe('23514');
  });

  it('enforce foreign keys on order items', async () => {
    const tenant = await createTestTenant(db);
    const { productId, price } = await createTestProduct(db, { tenantId: tenant.id });
    const code = await pgErrorCode(
      db.insert(orderItems).values({
        id: newId('orderItem'),
        tenantId: tenant.id,
        orderId: newId('order'),
        productId,
        priceId: price.id,
        title: 'x',
        unitAmount: 100,
        quantity: 1,
        lineSubtotal: 100,
        lineTotal: 100,
      }),
    );
    expect(code).toBe('23503');
  });

  it('freeze the order snapshot once written', async () => {
    const tenant = await createTestTenant(db);
    const order = await createTestOrder(db, { tenantId: tenant.id });
    const snapshot = {
      currency: 'EUR',
      items: [],
      subtotal: 1000,
      discountTotal: 0,
      taxTotal: 0,
      total: 1000,
      couponCode: null,
      paidAt: new Date().toISOString(),
    };
    await db.update(orders).set({ snapshot }).where(eq(orders.id, order.id));
    expect(
      await pgErrorCode(
        db
          .update(orders)
          .set({ snapshot: { ...snapshot, total: 1 } })
          .where(eq(orders.id, order.id)),
      ),
    ).toBe('23514');
    expect(
      await pgErrorCode(db.update(orders).set({ snapshot: null }).where(eq(orders.id, order.id))),
    ).toBe('23514');
    // other columns still change
    await db.update(orders).set({ status: 'PAID' }).where(eq(orders.id, order.id));
    expect((await getOrder(db, { tenantId: tenant.id, orderId: order.id }))?.snapshot?.total).toBe(
      1000,
    );
  });
});

describe('tenant-scoped queries', () => {
  it('never return or change another tenant’s rows', async () => {
    const a = await createTestTenant(db);
    const b = await createTestTenant(db);
    const orderA = await createTestOrder(db, { tenantId: a.id });
    const orderB = await createTestOrder(db, { tenantId: b.id });
    const productB = await createTestProduct(db, { tenantId: b.id });

    expect(await getOrder(db, { tenantId: a.id, orderId: orderB.id })).toBeUndefined();
    expect(
      await getOrderByReference(db, { tenantId: a.id, reference: orderB.reference }),
    ).toBeUndefined();
    expect((await listOrders(db, { tenantId: a.id })).map((o) => o.id)).toEqual([orderA.id]);
    expect(await listOrderItems(db, { tenantId: a.id, orderId: orderB.id })).toEqual([]);
    expect(await getProduct(db, { tenantId: a.id, productId: productB.productId })).toBeUndefined();
    expect(await listProducts(db, { tenantId: a.id })).toEqual([]);
    expect(await listPrices(db, { tenantId: a.id, priceIds: [productB.price.id] })).toEqual([]);
    expect(await getCouponByCode(db, { tenantId: a.id, code: 'ANY' })).toBeUndefined();

    // a compare-and-swap aimed at another tenant's order changes nothing
    const moved = await transitionOrderStatus(db, {
      tenantId: a.id,
      orderId: orderB.id,
      from: ['PENDING'],
      to: 'CANCELED',
    });
    expect(moved).toBeUndefined();
    expect((await getOrder(db, { tenantId: b.id, orderId: orderB.id }))?.status).toBe('PENDING');

    const { apiKey } = await insertApiKey(db, { tenantId: b.id, name: 'b', mode: 'test' });
    expect(await revokeApiKey(db, { tenantId: a.id, apiKeyId: apiKey.id })).toBeUndefined();
  });

  it('read an order with its latest attempt in one statement, typed as the two reads are', async () => {
    const a = await createTestTenant(db);
    const b = await createTestTenant(db);
    const order = await createTestOrder(db, { tenantId: a.id });
    const scope = { tenantId: a.id, orderId: order.id };
    const none = await getOrderWithLatestAttempt(db, scope);
    expect(none?.order).toEqual(await getOrder(db, scope));
    expect(none?.latest).toBeUndefined();

    const reserved = [];
    for (const attempt of [1, 2]) {
      reserved.push(await reservePaymentAttempt(db, { ...scope, attempt, provider: 'sandbox' }));
    }
    const both = await getOrderWithLatestAttempt(db, scope);
    expect(both?.order).toEqual(await getOrder(db, scope));
    expect(both?.latest).toEqual(reserved[1]);
    expect(both?.latest?.attempt).toBe(2);
    expect(both?.latest?.createdAt).toBeInstanceOf(Date);

    // another tenant's order is not there
    expect(await getOrderWithLatestAttempt(db, { tenantId: b.id, orderId: order.id })).toBe(
      undefined,
    );
  });

  it('refuse to run without a tenant', async () => {
    await expect(getOrder(db, { tenantId: '', orderId: 'ord_x' })).rejects.toThrow(/tenantId/);
  });

  it('refuse every order move not in ORDER_TRANSITIONS with a typed error, writing nothing', async () => {
    const tenant = await createTestTenant(db);
    const statuses = Object.keys(ORDER_TRANSITIONS) as OrderStatus[];
    for (const from of statuses) {
      const order = await createTestOrder(db, { tenantId: tenant.id });
      await db.update(orders).set({ status: from }).where(eq(orders.id, order.id));
      for (const to of statuses) {
        if (to === from || canTransition(from, to)) continue;
        const attempt = transitionOrderStatus(db, {
          tenantId: tenant.id,
          orderId: order.id,
          from: [from],
          to,
        });
        await expect(attempt).rejects.toBeInstanceOf(OrderTransitionError);
        await expect(attempt).rejects.toMatchObject({ code: 'invalid_order_transition', from, to });
      }
      expect((await getOrder(db, { tenantId: tenant.id, orderId: order.id }))?.status).toBe(from);
    }
  });

  it('move an order status only from the expected state (compare-and-swap)', async () => {
    const tenant = await createTestTenant(db);
    const order = await createTestOrder(db, { tenantId: tenant.id });
    const attempts = await Promise.all(
      Array.from({ length: 10 }, () =>
        transitionOrderStatus(db, {
          tenantId: tenant.id,
          orderId: order.id,
          from: ['PENDING'],
          to: 'PAID',
          set: { paidAt: new Date() },
        }),
      ),
    );
    expect(attempts.filter(Boolean)).toHaveLength(1);
    const late = await transitionOrderStatus(db, {
      tenantId: tenant.id,
      orderId: order.id,
      from: ['PENDING'],
      to: 'CANCELED',
    });
    expect(late).toBeUndefined();
  });

  it('filter orders by status and payment state', async () => {
    const tenant = await createTestTenant(db);
    const pending = await createTestOrder(db, { tenantId: tenant.id });
    const paid = await createTestOrder(db, { tenantId: tenant.id });
    await transitionOrderStatus(db, {
      tenantId: tenant.id,
      orderId: paid.id,
      from: ['PENDING'],
      to: 'PAID',
    });
    expect((await listOrders(db, { tenantId: tenant.id, unpaid: true })).map((o) => o.id)).toEqual([
      pending.id,
    ]);
    expect(
      (await listOrders(db, { tenantId: tenant.id, status: ['PAID'] })).map((o) => o.id),
    ).toEqual([paid.id]);
  });
});

describe('api keys', () => {
  it('store only a hash, find active keys, and stop finding revoked ones', async () => {
    const tenant = await createTestTenant(db);
    const { apiKey, secret } = await insertApiKey(db, {
      tenantId: tenant.id,
      name: 'shop',
      mode: 'test',
    });
    expect(secret).toMatch(/^sk_test_[0-9A-Za-z]{32}$/);
    expect(apiKey.hashedKey).toBe(hashApiKeySecret(secret));
    expect(JSON.stringify(apiKey)).not.toContain(secret);
    expect((await findActiveApiKey(db, { secret }))?.tenantId).toBe(tenant.id);
    expect(await findActiveApiKey(db, { secret: generateApiKeySecret('test') })).toBeUndefined();
    expect(await findActiveApiKey(db, { secret: 'not-a-key' })).toBeUndefined();
    await revokeApiKey(db, { tenantId: tenant.id, apiKeyId: apiKey.id });
    expect(await findActiveApiKey(db, { secret })).toBeUndefined();
  });
});
