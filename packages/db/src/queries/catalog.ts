import { newId } from '@prood/validators';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { anyOf, reusable } from '../reusable';
import { coupons, orders, prices, products, taxRates } from '../schema';
import { type Keyset, keysetPage } from './keyset';
import { PAID_STATUSES } from './order-status';
import { scoped, scopedStatement, type TenantScope } from './scope';

export type Product = typeof products.$inferSelect;
export type Price = typeof prices.$inferSelect;
export type Coupon = typeof coupons.$inferSelect;
export type TaxRate = typeof taxRates.$inferSelect;

export async function listProducts(
  db: Executor,
  scope: TenantScope & { activeOnly?: boolean; productIds?: string[] },
): Promise<Product[]> {
  // one statement per combination of filters, built once per process (orders read it)
  return reusable(
    db,
    `products.list:${scope.activeOnly ? 'active' : 'all'}:${scope.productIds ? 'ids' : '*'}`,
    (d) =>
      d
        .select()
        .from(products)
        .where(
          scopedStatement(
            products,
            scope.activeOnly ? eq(products.active, true) : undefined,
            scope.productIds ? anyOf(products.id, 'productIds') : undefined,
          ),
        )
        .orderBy(asc(products.createdAt), asc(products.id)),
    { tenantId: scope.tenantId, ...(scope.productIds ? { productIds: scope.productIds } : {}) },
  );
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
  // one statement per combination of filters, built once per process (orders read it)
  return reusable(
    db,
    `prices.list:${scope.productIds ? 'products' : '*'}:${scope.priceIds ? 'ids' : '*'}:${scope.activeOnly ? 'active' : 'all'}`,
    (d) =>
      d
        .select()
        .from(prices)
        .where(
          scopedStatement(
            prices,
            scope.productIds ? anyOf(prices.productId, 'productIds') : undefined,
            scope.priceIds ? anyOf(prices.id, 'priceIds') : undefined,
            scope.activeOnly ? eq(prices.active, true) : undefined,
          ),
        )
        .orderBy(asc(prices.createdAt), asc(prices.id)),
    {
      tenantId: scope.tenantId,
      ...(scope.productIds ? { productIds: scope.productIds } : {}),
      ...(scope.priceIds ? { priceIds: scope.priceIds } : {}),
    },
  );
}

export async function getCouponByCode(
  db: Executor,
  scope: TenantScope & { code: string },
): Promise<Coupon | undefined> {
  const [row] = await reusable(
    db,
    'coupons.by-code',
    (d) =>
      d
        .select()
        .from(coupons)
        .where(scopedStatement(coupons, eq(coupons.code, sql.placeholder('code'))))
        .limit(1),
    { tenantId: scope.tenantId, code: scope.code },
  );
  return row;
}

/** The codes of some of the tenant's coupons, by id. */
export async function listCouponCodes(
  db: Executor,
  scope: TenantScope & { couponIds: string[] },
): Promise<Array<{ id: string; code: string }>> {
  return db
    .select({ id: coupons.id, code: coupons.code })
    .from(coupons)
    .where(scoped(coupons, scope, inArray(coupons.id, scope.couponIds)));
}

export async function listTaxRates(
  db: Executor,
  scope: TenantScope & { country?: string },
): Promise<TaxRate[]> {
  return reusable(
    db,
    `tax-rates.active:${scope.country ? 'country' : '*'}`,
    (d) =>
      d
        .select()
        .from(taxRates)
        .where(
          scopedStatement(
            taxRates,
            and(
              eq(taxRates.active, true),
              scope.country ? eq(taxRates.country, sql.placeholder('country')) : undefined,
            ),
          ),
        )
        .orderBy(asc(taxRates.createdAt)),
    { tenantId: scope.tenantId, ...(scope.country ? { country: scope.country } : {}) },
  );
}

/** What a new price needs besides its tenant and product (the dashboard's price form). */
export type NewPrice = Omit<
  typeof prices.$inferInsert,
  'id' | 'tenantId' | 'productId' | 'createdAt' | 'updatedAt'
>;

/** What a new product needs besides its tenant. */
export type NewProduct = Pick<
  typeof products.$inferInsert,
  'name' | 'description' | 'imageUrl' | 'fulfillmentMethods' | 'active' | 'trackStock' | 'stock'
>;

/** Where a keyset page of products starts (see `Keyset`). */
export type ProductKeyset = Keyset;

/**
 * One page of a tenant's products for the dashboard, newest first, by keyset (created, id),
 * active and archived alike. `next` is where the following page starts, or null on the last.
 *
 * @example
 * const { rows, next } = await listProductsPage(db, { tenantId, limit: 25 });
 */
export async function listProductsPage(
  db: Executor,
  scope: TenantScope & { after?: ProductKeyset; limit: number },
): Promise<{ rows: Product[]; next: ProductKeyset | null }> {
  const page = keysetPage(products, scope);
  const found = await db
    .select({ row: products, keysetAt: page.keysetAt })
    .from(products)
    .where(scoped(products, scope, page.after))
    .orderBy(...page.order)
    .limit(page.limit + 1);
  return page.cut(found);
}

export async function insertProduct(
  db: Executor,
  scope: TenantScope & { product: NewProduct },
): Promise<Product> {
  const [row] = await db
    .insert(products)
    .values({ id: newId('product'), tenantId: scope.tenantId, ...scope.product })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Changes a product of the tenant; `undefined` when it has no such product. */
export async function updateProduct(
  db: Executor,
  scope: TenantScope & {
    productId: string;
    changes: Partial<
      Pick<
        Product,
        | 'name'
        | 'description'
        | 'imageUrl'
        | 'fulfillmentMethods'
        | 'active'
        | 'trackStock'
        | 'stock'
      >
    >;
  },
): Promise<Product | undefined> {
  const [row] = await db
    .update(products)
    .set(scope.changes)
    .where(scoped(products, scope, eq(products.id, scope.productId)))
    .returning();
  return row;
}

/** Adds a price to a product the caller has already found in this tenant. */
export async function insertPrice(
  db: Executor,
  scope: TenantScope & { productId: string; price: NewPrice },
): Promise<Price> {
  const [row] = await db
    .insert(prices)
    .values({
      id: newId('price'),
      tenantId: scope.tenantId,
      productId: scope.productId,
      ...scope.price,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** Stops selling a price (it stays on the orders that used it); `undefined` when not found. */
export async function archivePrice(
  db: Executor,
  scope: TenantScope & { priceId: string },
): Promise<Price | undefined> {
  const [row] = await db
    .update(prices)
    .set({ active: false })
    .where(scoped(prices, scope, eq(prices.id, scope.priceId)))
    .returning();
  return row;
}

/**
 * Locks a stock-tracked product's row (`FOR UPDATE`, inside the caller's transaction) and
 * returns its stock; `undefined` when the product does not track stock.
 */
export async function lockProductStock(
  tx: Executor,
  scope: TenantScope & { productId: string },
): Promise<{ stock: number | null } | undefined> {
  const [row] = await tx
    .select({ stock: products.stock })
    .from(products)
    .where(scoped(products, scope, eq(products.id, scope.productId), eq(products.trackStock, true)))
    .for('update');
  return row;
}

/** Takes `quantity` off a product's stock, never below zero. */
export async function decrementProductStock(
  tx: Executor,
  scope: TenantScope & { productId: string; quantity: number },
): Promise<void> {
  await tx
    .update(products)
    .set({ stock: sql`greatest(${products.stock} - ${scope.quantity}, 0)` })
    .where(scoped(products, scope, eq(products.id, scope.productId)));
}

/** How many paid orders of one customer (by email, lower-cased) used a coupon. */
export async function countPaidCouponUses(
  db: Executor,
  scope: TenantScope & { couponId: string; email: string },
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(orders)
    .where(
      scoped(
        orders,
        scope,
        eq(orders.couponId, scope.couponId),
        eq(orders.customerEmail, scope.email.toLowerCase()),
        inArray(orders.status, [...PAID_STATUSES]),
      ),
    );
  return row?.n ?? 0;
}

/**
 * One page of a tenant's coupons (active or not) for the dashboard, newest first, by keyset
 * (created, id). `next` is where the following page starts, or null on the last.
 *
 * @example
 * const { rows, next } = await listCouponsPage(db, { tenantId, limit: 25 });
 */
export async function listCouponsPage(
  db: Executor,
  scope: TenantScope & { after?: Keyset; limit: number },
): Promise<{ rows: Coupon[]; next: Keyset | null }> {
  const page = keysetPage(coupons, scope);
  const found = await db
    .select({ row: coupons, keysetAt: page.keysetAt })
    .from(coupons)
    .where(scoped(coupons, scope, page.after))
    .orderBy(...page.order)
    .limit(page.limit + 1);
  return page.cut(found);
}

export type NewCoupon = Omit<
  typeof coupons.$inferInsert,
  'id' | 'tenantId' | 'createdAt' | 'updatedAt'
>;

/** A new coupon; `undefined` when the tenant has one with this code already. */
export async function insertCoupon(
  db: Executor,
  scope: TenantScope & { coupon: NewCoupon },
): Promise<Coupon | undefined> {
  const [row] = await db
    .insert(coupons)
    .values({ id: newId('coupon'), tenantId: scope.tenantId, ...scope.coupon })
    .onConflictDoNothing({ target: [coupons.tenantId, coupons.code] })
    .returning();
  return row;
}

export async function getCoupon(
  db: Executor,
  scope: TenantScope & { couponId: string },
): Promise<Coupon | undefined> {
  const [row] = await db
    .select()
    .from(coupons)
    .where(scoped(coupons, scope, eq(coupons.id, scope.couponId)))
    .limit(1);
  return row;
}

export async function deactivateCoupon(
  db: Executor,
  scope: TenantScope & { couponId: string },
): Promise<Coupon | undefined> {
  const [row] = await db
    .update(coupons)
    .set({ active: false })
    .where(scoped(coupons, scope, eq(coupons.id, scope.couponId)))
    .returning();
  return row;
}

/**
 * One page of a tenant's tax rates (active or not) for the dashboard, newest first, by keyset
 * (created, id). `next` is where the following page starts, or null on the last.
 */
export async function listTaxRatesPage(
  db: Executor,
  scope: TenantScope & { after?: Keyset; limit: number },
): Promise<{ rows: TaxRate[]; next: Keyset | null }> {
  const page = keysetPage(taxRates, scope);
  const found = await db
    .select({ row: taxRates, keysetAt: page.keysetAt })
    .from(taxRates)
    .where(scoped(taxRates, scope, page.after))
    .orderBy(...page.order)
    .limit(page.limit + 1);
  return page.cut(found);
}

export type NewTaxRate = Pick<
  typeof taxRates.$inferInsert,
  'name' | 'country' | 'rateBps' | 'inclusive'
>;

export async function insertTaxRate(
  db: Executor,
  scope: TenantScope & { taxRate: NewTaxRate },
): Promise<TaxRate | undefined> {
  const [row] = await db
    .insert(taxRates)
    .values({ id: newId('taxRate'), tenantId: scope.tenantId, ...scope.taxRate })
    .returning();
  return row;
}

export async function getTaxRate(
  db: Executor,
  scope: TenantScope & { taxRateId: string },
): Promise<TaxRate | undefined> {
  const [row] = await db
    .select()
    .from(taxRates)
    .where(scoped(taxRates, scope, eq(taxRates.id, scope.taxRateId)))
    .limit(1);
  return row;
}

export async function deactivateTaxRate(
  db: Executor,
  scope: TenantScope & { taxRateId: string },
): Promise<TaxRate | undefined> {
  const [row] = await db
    .update(taxRates)
    .set({ active: false })
    .where(scoped(taxRates, scope, eq(taxRates.id, scope.taxRateId)))
    .returning();
  return row;
}
