import { createDatabase, type Database, upsertCheckoutSettings } from '@prood/db';
import { orders, shippingRates } from '@prood/db/schema';
import { newId } from '@prood/validators';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../logger';
import { type SeededTenant, seedStorefrontTenant } from '../testing/fixtures';
import { getCheckoutPageOrder, updateCheckoutOrder } from './checkout-page';
import { createOrder } from './orders';

let db: Database;
let tenant: SeededTenant;
let standardRate: string;

beforeAll(async () => {
  db = createDatabase(inject('databaseUrl'), { max: 4 });
  tenant = await seedStorefrontTenant(db);
  standardRate = newId('shippingRate');
  await db.insert(shippingRates).values([
    {
      id: standardRate,
      tenantId: tenant.tenantId,
      name: 'Standard',
      amount: 490,
      currency: 'EUR',
      freeAbove: 5000,
      minDeliveryDays: 3,
      maxDeliveryDays: 5,
    },
  ]);
  await upsertCheckoutSettings(db, {
    tenantId: tenant.tenantId,
    shippingCountries: ['DE', 'AT'],
    adjustableQuantity: true,
  });
});

afterAll(async () => {
  await db.$client.end();
});

async function newOrder() {
  const { order } = await createOrder(
    { db, tenantId: tenant.tenantId, logger: createLogger({ level: 'silent' }) },
    {
      items: [{ priceId: tenant.products.beans.priceId, quantity: 2 }],
      customer: {
        name: 'Ada',
        email: 'ada@example.com',
        address: { line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
      },
      fulfillment: { method: 'shipping' },
    },
  );
  return { tenantId: tenant.tenantId, orderId: order.id };
}

describe('updateCheckoutOrder', () => {
  it('reprices coupon, shipping and quantity on the server', async () => {
    const scope = await newOrder();
    // 2 × 12.90 = 25.80, 19 % VAT on top = 4.90 → 30.70
    let order = await updateCheckoutOrder(db, scope, {
      kind: 'shipping_rate',
      shippingRateId: standardRate,
    });
    expect(order).toMatchObject({ subtotal: 2580, taxTotal: 490, shippingTotal: 490, total: 3560 });

    order = await updateCheckoutOrder(db, scope, {
      kind: 'coupon',
      code: tenant.couponCodes.percent,
    });
    // 10 % off 25.80 = 2.58; VAT on 23.22 = 4.41; + shipping 4.90
    expect(order).toMatchObject({ discountTotal: 258, taxTotal: 441, total: 2322 + 441 + 490 });

    // 4 × 12.90 after 10 % = 46.44: still below the free-shipping threshold of 50.00
    order = await updateCheckoutOrder(db, scope, {
      kind: 'quantity',
      itemId: (await getCheckoutPageOrder(db, scope)).lines[0]?.id,
      quantity: 5,
    });
    // 5 × 12.90 = 64.50, −6.45 = 58.05 ≥ 50.00 → shipping free
    expect(order).toMatchObject({ subtotal: 6450, discountTotal: 645, shippingTotal: 0 });
    expect(order.total).toBe(5805 + 1103);

    order = await updateCheckoutOrder(db, scope, { kind: 'remove_coupon' });
    expect(order).toMatchObject({ discountTotal: 0, couponId: null });

    const page = await getCheckoutPageOrder(db, scope);
    expect(page.tax).toEqual({ name: 'VAT DE', rateBps: 1900, inclusive: false });
    expect(page.shippingOptions[0]).toMatchObject({
      id: standardRate,
      amount: 0,
      regularAmount: 490,
    });
  });

  it('answers coupon errors with the API code and changes nothing', async () => {
    const scope = await newOrder();
    const before = await getCheckoutPageOrder(db, scope);
    await expect(
      updateCheckoutOrder(db, scope, { kind: 'coupon', code: tenant.couponCodes.expired }),
    ).rejects.toMatchObject({ code: 'coupon_expired' });
    await expect(
      updateCheckoutOrder(db, scope, { kind: 'coupon', code: 'NOPE' }),
    ).rejects.toMatchObject({
      code: 'coupon_not_found',
    });
    expect((await getCheckoutPageOrder(db, scope)).order.total).toBe(before.order.total);
  });

  it('checks the country and the postcode of an address', async () => {
    const scope = await newOrder();
    const address = { line1: 'Rue 1', city: 'Paris', postalCode: '75001', country: 'FR' };
    await expect(
      updateCheckoutOrder(db, scope, { kind: 'address', name: 'Ada', address }),
    ).rejects.toMatchObject({ code: 'country_not_shipped' });
    await expect(
      updateCheckoutOrder(db, scope, {
        kind: 'address',
        name: 'Ada',
        address: { ...address, country: 'DE', postalCode: '1234' },
      }),
    ).rejects.toMatchObject({ code: 'postal_code_invalid' });
    const order = await updateCheckoutOrder(db, scope, {
      kind: 'address',
      name: 'Ada L.',
      address: { line1: 'Ring 2', city: 'Wien', postalCode: '1010', country: 'AT' },
      taxId: 'ATU12345678',
    });
    // no AT tax rate: the VAT line goes away
    expect(order).toMatchObject({ taxTotal: 0, total: 2580 });
    expect(order.customer).toMatchObject({ name: 'Ada L.', taxId: 'ATU12345678' });
  });

  it('refuses a paid order, another tenant and an amount in the input', async () => {
    const scope = await newOrder();
    await expect(
      updateCheckoutOrder(db, { ...scope, tenantId: 'org_someoneelse' }, { kind: 'remove_coupon' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      updateCheckoutOrder(db, scope, { kind: 'shipping_rate', shippingRateId: 'shr_nope' }),
    ).rejects.toMatchObject({ code: 'shipping_rate_not_found' });
    await expect(updateCheckoutOrder(db, scope, { kind: 'total', total: 1 })).rejects.toMatchObject(
      {
        code: 'validation_error',
      },
    );
    await db.update(orders).set({ status: 'PAID' }).where(eq(orders.id, scope.orderId));
    await expect(
      updateCheckoutOrder(db, scope, { kind: 'contact', email: 'x@example.com' }),
    ).rejects.toMatchObject({ code: 'order_not_payable' });
  });

  it('serialises concurrent changes: the stored total matches a reprice of the final state', async () => {
    const scope = await newOrder();
    await Promise.all([
      updateCheckoutOrder(db, scope, { kind: 'shipping_rate', shippingRateId: standardRate }),
      updateCheckoutOrder(db, scope, { kind: 'coupon', code: tenant.couponCodes.percent }),
      updateCheckoutOrder(db, scope, { kind: 'contact', email: 'grace@example.com' }),
    ]);
    const { order } = await getCheckoutPageOrder(db, scope);
    expect(order).toMatchObject({
      customerEmail: 'grace@example.com',
      shippingTotal: 490,
      discountTotal: 258,
    });
    expect(order.total).toBe(2322 + 441 + 490);
  });
});
