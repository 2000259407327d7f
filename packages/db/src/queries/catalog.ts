import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../client';
import { coupons, prices, products, taxRates } from '../schema';
import { scoped, type TenantScope } from './scope';

export type Product = typeof products.$inferSelect;
export type Price = typeof prices.$inferSelect;
export type Coupon = typeof coupons.$inferSelect;
export type TaxRate = typeof taxRates.$inferSelect;

export async function listProducts(
  db: Executor,
  scope: TenantScope & { activeOnly?: boolean; productIds?: string[] },
): Promise<Product[]> {
  return db
    .select()
    .from(products)
    .where(
      scoped(
        products,
        scope,
        scope.activeOnly ? eq(products.active, true) : undefined,
        scope.productIds ? inArray(products.id, scope.productIds) : undefined,
      ),
    )
    .orderBy(asc(products.createdAt), asc(products.id));
}

export async function getProduct(
  db: Executor,
  scope: TenantScope & { productId: string },
): Promise<Product | undefined> {
  const [row] = await db
    .select()
    .from(products)
    .where(scoped(products, scope, eq(products.id, scope.productId)))
    .limit(1);
  return row;
}

export async function listPrices(
  db: Executor,
  scope: TenantScope & { productIds?: string[]; priceIds?: string[]; activeOnly?: boolean },
): Promise<Price[]> {
  return db
    .select()
    .from(prices)
    .where(
      scoped(
        prices,
        scope,
        scope.productIds ? inArray(prices.productId, scope.productIds) : undefined,
        scope.priceIds ? inArray(prices.id, scope.priceIds) : undefined,
        scope.activeOnly ? eq(prices.active, true) : undefined,
      ),
    )
    .orderBy(asc(prices.createdAt), asc(prices.id));
}

export async function getCouponByCode(
  db: Executor,
  scope: TenantScope & { code: string },
): Promise<Coupon | undefined> {
  const [row] = await db
    .select()
    .from(coupons)
    .where(scoped(coupons, scope, eq(coupons.code, scope.code)))
    .limit(1);
  return row;
}

export async function listTaxRates(
  db: Executor,
  scope: TenantScope & { country?: string },
): Promise<TaxRate[]> {
  return db
    .select()
    .from(taxRates)
    .where(
      scoped(
        taxRates,
        scope,
        and(
          eq(taxRates.active, true),
          scope.country ? eq(taxRates.country, scope.country) : undefined,
        ),
      ),
    )
    .orderBy(asc(taxRates.createdAt));
}
