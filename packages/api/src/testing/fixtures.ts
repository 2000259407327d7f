import { type Database, insertApiKey } from '@prood/db';
import { coupons, organizations, prices, products, taxRates } from '@prood/db/schema';
import { createTestTenant } from '@prood/db/testing';
import { newId } from '@prood/validators';
import { eq } from 'drizzle-orm';
import type { PaymentRuntime } from '../payments/runtime';
import type { CheckoutAppClient } from '../services/checkout-app-client';

/** For tests that never reach checkout: a client that fails loudly proves it. */
export const unreachableCheckout: CheckoutAppClient = {
  createSession: () => Promise.reject(new Error('checkout app not expected in this test')),
  getSession: () => Promise.reject(new Error('checkout app not expected in this test')),
  createPaymentLink: () => Promise.reject(new Error('checkout app not expected in this test')),
  cancelSession: () => Promise.reject(new Error('checkout app not expected in this test')),
};

/** For tests that never reach a provider or the job queue. */
export const unreachablePayments: PaymentRuntime = {
  resolveProvider: () => Promise.reject(new Error('no provider expected in this test')),
  jobs: { enqueue: () => Promise.reject(new Error('no jobs expected in this test')) },
};

export interface SeededTenant {
  tenantId: string;
  apiKey: string;
  products: {
    tee: { productId: string; priceId: string };
    beans: { productId: string; priceId: string };
    ebook: { productId: string; priceId: string };
    retired: { productId: string; priceId: string };
    club: { productId: string; priceId: string };
  };
  couponCodes: { percent: string; fixed: string; expired: string; exhausted: string };
}

/**
 * A tenant with a small catalog (stock-tracked, digital, inactive and recurring products),
 * coupons in every state, a DE tax rate and an API key: what the REST tests run against.
 */
export async function seedStorefrontTenant(db: Database): Promise<SeededTenant> {
  const tenant = await createTestTenant(db);
  const tenantId = tenant.id;
  await db
    .update(organizations)
    .set({ allowedOrigins: ['https://shop.example', 'http://localhost:3000'] })
    .where(eq(organizations.id, tenantId));

  async function product(
    name: string,
    unitAmount: number,
    opts: { stock?: number; active?: boolean; recurring?: boolean } = {},
  ) {
    const productId = newId('product');
    await db.insert(products).values({
      id: productId,
      tenantId,
      name,
      active: opts.active ?? true,
      trackStock: opts.stock !== undefined,
      stock: opts.stock ?? null,
    });
    const priceId = newId('price');
    await db.insert(prices).values({
      id: priceId,
      tenantId,
      productId,
      currency: 'EUR',
      unitAmount,
      ...(opts.recurring
        ? {
            type: 'recurring' as const,
            recurringInterval: 'month' as const,
            recurringIntervalCount: 1,
          }
        : {}),
    });
    return { productId, priceId };
  }

  const seeded = {
    tee: await product('Tee', 2500, { stock: 5 }),
    beans: await product('Beans', 1290),
    ebook: await product('E-book', 999),
    retired: await product('Retired', 500, { active: false }),
    club: await product('Coffee Club', 1900, { recurring: true }),
  };
  const code = (s: string) => `${s}${tenantId.slice(-5).toUpperCase()}`;
  const couponCodes = {
    percent: code('TEN'),
    fixed: code('FIVEOFF'),
    expired: code('OLD'),
    exhausted: code('GONE'),
  };
  await db.insert(coupons).values([
    {
      id: newId('coupon'),
      tenantId,
      code: couponCodes.percent,
      kind: 'percent',
      percentOffBps: 1000,
    },
    {
      id: newId('coupon'),
      tenantId,
      code: couponCodes.fixed,
      kind: 'fixed',
      amountOff: 500,
      currency: 'EUR',
      minOrderAmount: 2000,
    },
    {
      id: newId('coupon'),
      tenantId,
      code: couponCodes.expired,
      kind: 'percent',
      percentOffBps: 500,
      expiresAt: new Date(Date.now() - 60_000),
    },
    {
      id: newId('coupon'),
      tenantId,
      code: couponCodes.exhausted,
      kind: 'percent',
      percentOffBps: 500,
      maxUses: 1,
      timesUsed: 1,
    },
  ]);
  await db
    .insert(taxRates)
    .values({ id: newId('taxRate'), tenantId, name: 'VAT DE', country: 'DE', rateBps: 1900 });
  const { secret } = await insertApiKey(db, { tenantId, name: 'test', mode: 'test' });
  return { tenantId, apiKey: secret, products: seeded, couponCodes };
}
