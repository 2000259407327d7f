import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, currencyCode, money, prefixedId, updatedAt } from './columns';
import { tenantId } from './tenant';

/** How an order can reach the shopper; a product lists the ways it can be delivered. */
export const FULFILLMENT_METHODS = ['shipping', 'local_delivery', 'pickup', 'digital'] as const;
export type FulfillmentMethod = (typeof FULFILLMENT_METHODS)[number];

export const products = pgTable(
  'products',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    name: text().notNull(),
    description: text(),
    /** An https URL of the product's picture, shown by storefronts and the checkout page. */
    imageUrl: text(),
    /** The fulfilment methods an order with this product may use (all by default). */
    fulfillmentMethods: text({ enum: FULFILLMENT_METHODS })
      .array()
      .notNull()
      .default(sql`ARRAY['shipping','local_delivery','pickup','digital']::text[]`),
    active: boolean().notNull().default(true),
    trackStock: boolean().notNull().default(false),
    /** Units on hand when `trackStock`; never negative. */
    stock: integer(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('products_tenant_idx').on(t.tenantId),
    check('products_stock_non_negative', sql`${t.stock} IS NULL OR ${t.stock} >= 0`),
    check('products_fulfillment_methods_present', sql`cardinality(${t.fulfillmentMethods}) >= 1`),
  ],
);

export const prices = pgTable(
  'prices',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    productId: text()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    currency: currencyCode().notNull(),
    unitAmount: money().notNull(),
    type: text({ enum: ['one_time', 'recurring'] })
      .notNull()
      .default('one_time'),
    recurringInterval: text({ enum: ['day', 'week', 'month', 'year'] }),
    recurringIntervalCount: integer(),
    taxBehavior: text({ enum: ['inclusive', 'exclusive'] })
      .notNull()
      .default('exclusive'),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('prices_tenant_idx').on(t.tenantId),
    index('prices_product_idx').on(t.productId),
    check('prices_unit_amount_non_negative', sql`${t.unitAmount} >= 0`),
    check(
      'prices_recurring_has_interval',
      sql`(${t.type} = 'recurring') = (${t.recurringInterval} IS NOT NULL)`,
    ),
  ],
);

export const coupons = pgTable(
  'coupons',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    code: text().notNull(),
    kind: text({ enum: ['percent', 'fixed'] }).notNull(),
    /** Percentage in basis points: 1250 = 12.5 %. */
    percentOffBps: integer(),
    amountOff: money(),
    currency: currencyCode(),
    expiresAt: timestamp({ withTimezone: true }),
    maxUses: integer(),
    /** Counted only when an order using the coupon is paid. */
    timesUsed: integer().notNull().default(0),
    minOrderAmount: money(),
    oncePerCustomer: boolean().notNull().default(false),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('coupons_tenant_code_key').on(t.tenantId, t.code),
    check(
      'coupons_kind_fields',
      sql`(${t.kind} = 'percent' AND ${t.percentOffBps} BETWEEN 1 AND 10000 AND ${t.amountOff} IS NULL)
       OR (${t.kind} = 'fixed' AND ${t.amountOff} > 0 AND ${t.currency} IS NOT NULL AND ${t.percentOffBps} IS NULL)`,
    ),
    check('coupons_uses_within_max', sql`${t.maxUses} IS NULL OR ${t.timesUsed} <= ${t.maxUses}`),
  ],
);

export const taxRates = pgTable(
  'tax_rates',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    name: text().notNull(),
    /** ISO 3166-1 alpha-2 country the rate applies to. */
    country: text().notNull(),
    /** Rate in basis points: 1900 = 19 %. */
    rateBps: integer().notNull(),
    inclusive: boolean().notNull().default(false),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('tax_rates_tenant_idx').on(t.tenantId),
    check('tax_rates_rate_range', sql`${t.rateBps} BETWEEN 0 AND 10000`),
  ],
);
