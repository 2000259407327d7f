import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { prices } from './catalog';
import { createdAt, currencyCode, money, prefixedId, updatedAt } from './columns';
import { tenantId } from './tenant';

/**
 * A payment link. `invoice`: a fixed amount with a description, paid once; its id is the
 * `cs_link_…` session in the session store. `product`: a price of the tenant's catalog (and a
 * quantity), reusable; every buyer gets a fresh order (`orders.payment_link_id`) and session.
 */
export const paymentLinks = pgTable(
  'payment_links',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    kind: text({ enum: ['invoice', 'product'] }).notNull(),
    /** Invoice links: the fixed amount. Product links: null (the price decides, at each visit). */
    amount: money(),
    currency: currencyCode(),
    description: text(),
    priceId: text().references(() => prices.id, { onDelete: 'restrict' }),
    quantity: integer().notNull().default(1),
    active: boolean().notNull().default(true),
    /** Invoice links: when the one payment arrived, and the provider's payment id. */
    paidAt: timestamp({ withTimezone: true }),
    providerPaymentId: text(),
    /** Invoice links: when the session in the store stops answering. */
    expiresAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('payment_links_tenant_created_idx').on(t.tenantId, t.createdAt, t.id),
    check(
      'payment_links_kind_fields',
      sql`(${t.kind} = 'invoice' AND ${t.amount} IS NOT NULL AND ${t.amount} > 0 AND ${t.currency} IS NOT NULL AND ${t.priceId} IS NULL)
        OR (${t.kind} = 'product' AND ${t.priceId} IS NOT NULL AND ${t.amount} IS NULL)`,
    ),
    check('payment_links_quantity_positive', sql`${t.quantity} > 0`),
  ],
);
