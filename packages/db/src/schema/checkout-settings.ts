import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { organizations } from './auth';
import { createdAt, currencyCode, money, prefixedId, updatedAt } from './columns';
import { tenantId } from './tenant';

/**
 * How a tenant's hosted checkout page looks and what it asks the shopper. One row per tenant;
 * a tenant without a row gets the defaults (the organization's name, no logo, prood's accent).
 */
export const checkoutSettings = pgTable('checkout_settings', {
  tenantId: text()
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  /** Shown to shoppers instead of the organization's name when set. */
  displayName: text(),
  /** Absolute https URL of the logo image. */
  logoUrl: text(),
  /** `#rrggbb`; validated against WCAG AA contrast on the button when saved. */
  accentColor: text(),
  /** The page's language when the shopper's browser asks for none we speak. */
  defaultLocale: text().notNull().default('en'),
  /** ISO 3166-1 alpha-2 codes the tenant ships to; empty = the address form offers none. */
  shippingCountries: text().array().notNull().default([]),
  collectPhone: boolean().notNull().default(false),
  adjustableQuantity: boolean().notNull().default(false),
  collectTaxId: boolean().notNull().default(false),
  /** When set, the shopper must accept the terms before paying. */
  termsUrl: text(),
  /** Stripe only: the Payment Element on the page (embedded) or Stripe's hosted page. */
  stripeFlow: text({ enum: ['embedded', 'hosted'] })
    .notNull()
    .default('embedded'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** A shipping option the shopper picks on the checkout page. */
export const shippingRates = pgTable(
  'shipping_rates',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    name: text().notNull(),
    amount: money().notNull(),
    currency: currencyCode().notNull(),
    /** Free when the order's merchandise (after discount) reaches this amount. */
    freeAbove: money(),
    minDeliveryDays: integer(),
    maxDeliveryDays: integer(),
    active: boolean().notNull().default(true),
    sortOrder: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('shipping_rates_tenant_idx').on(t.tenantId),
    check('shipping_rates_amount_nonnegative', sql`${t.amount} >= 0`),
    check(
      'shipping_rates_days_ordered',
      sql`${t.minDeliveryDays} IS NULL OR ${t.maxDeliveryDays} IS NULL OR ${t.minDeliveryDays} <= ${t.maxDeliveryDays}`,
    ),
  ],
);
