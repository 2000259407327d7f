import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { prices, products } from './catalog';
import { createdAt, currencyCode, prefixedId, updatedAt } from './columns';
import { tenantId } from './tenant';

/** A server-side cart; it expires, and an order can be created from it. */
export const carts = pgTable(
  'carts',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    currency: currencyCode().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** Set when an order was created from the cart; it then accepts no changes. */
    orderId: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('carts_tenant_idx').on(t.tenantId)],
);

export const cartItems = pgTable(
  'cart_items',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    cartId: text()
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    productId: text()
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    priceId: text()
      .notNull()
      .references(() => prices.id, { onDelete: 'cascade' }),
    quantity: integer().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('cart_items_cart_price_key').on(t.cartId, t.priceId),
    index('cart_items_tenant_idx').on(t.tenantId),
    check('cart_items_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

/**
 * `Idempotency-Key` replay store: the first response to a (tenant, key) is kept 24 h and
 * replayed; the same key with a different request is refused.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    key: text().notNull(),
    /** Method + path + SHA-256 of the body: a reused key must carry the same request. */
    requestHash: text().notNull(),
    /** Null while the first request is still running. */
    responseStatus: integer(),
    responseBody: jsonb(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('idempotency_keys_tenant_key_key').on(t.tenantId, t.key),
    index('idempotency_keys_expires_idx').on(t.expiresAt),
  ],
);
