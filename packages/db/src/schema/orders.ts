import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { coupons, prices, products } from './catalog';
import { createdAt, currencyCode, money, prefixedId, updatedAt } from './columns';
import { paymentLinks } from './payment-links';
import { tenantId } from './tenant';

export const orderStatus = pgEnum('order_status', [
  'PENDING',
  'PAID',
  'FULFILLED',
  'FAILED',
  'CANCELED',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
]);

export const fulfillmentMethod = pgEnum('fulfillment_method', [
  'shipping',
  'local_delivery',
  'pickup',
  'digital',
]);

export interface PostalAddress {
  line1: string;
  line2?: string | null;
  city: string;
  postalCode: string;
  state?: string | null;
  /** ISO 3166-1 alpha-2 */
  country: string;
}

export interface OrderCustomer {
  name: string;
  email: string;
  phone?: string | null;
  address?: PostalAddress | null;
  /** Tax country when there is no address. */
  country?: string | null;
  /** "Purchasing as a business": the company's VAT or tax id. */
  taxId?: string | null;
}

/** What the shopper bought, frozen when the order is paid. Never changes afterwards. */
export interface OrderSnapshot {
  currency: string;
  items: Array<{
    /** Null for a line sold without a product (an invoice payment link's description and amount). */
    productId: string | null;
    priceId: string | null;
    title: string;
    unitAmount: number;
    quantity: number;
    discount: number;
    tax: number;
    total: number;
  }>;
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
  couponCode: string | null;
  paidAt: string;
}

export const orders = pgTable(
  'orders',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    /** Human reference `#XXXXXXXX`, unique within the tenant. */
    reference: text().notNull(),
    status: orderStatus().notNull().default('PENDING'),
    currency: currencyCode().notNull(),
    subtotal: money().notNull(),
    discountTotal: money().notNull().default(0),
    taxTotal: money().notNull().default(0),
    /** The chosen shipping rate's amount (0 when free or none); part of `total`. */
    shippingTotal: money().notNull().default(0),
    total: money().notNull(),
    amountPaid: money().notNull().default(0),
    amountRefunded: money().notNull().default(0),
    /** Highest refunded total the provider reported (`charge.amount_refunded`); reconciles refunds made outside the API. */
    providerRefundedTotal: money().notNull().default(0),
    customer: jsonb().$type<OrderCustomer>().notNull(),
    customerEmail: text().notNull(),
    fulfillment: fulfillmentMethod().notNull(),
    appointmentAt: timestamp({ withTimezone: true }),
    couponId: text().references(() => coupons.id, { onDelete: 'set null' }),
    returnUrl: text(),
    /** Where "cancel" on the checkout page goes; on the tenant's allowed origins like returnUrl. */
    cancelUrl: text(),
    /** The shipping option chosen on the checkout page (a `shipping_rates` id). */
    shippingRateId: text(),
    checkoutSessionId: text(),
    /**
     * The payment link that produced this order: a product link's visit, or an invoice link's
     * one payment (that order's `checkout_session_id` is the link's `cs_link_…` id).
     */
    paymentLinkId: text().references((): AnyPgColumn => paymentLinks.id, { onDelete: 'set null' }),
    provider: text(),
    /** Checkout attempts so far; a new attempt after a failure or expiry increments it. */
    attempt: integer().notNull().default(0),
    /** Set when a payment did not match the order (amount or currency); never fulfilled then. */
    needsReview: boolean().notNull().default(false),
    reviewReason: text(),
    snapshot: jsonb().$type<OrderSnapshot>(),
    paidAt: timestamp({ withTimezone: true }),
    fulfilledAt: timestamp({ withTimezone: true }),
    /** The shipment the merchant entered when fulfilling a shipped order (carrier, tracking). */
    shipmentCarrier: text(),
    trackingNumber: text(),
    /** https only; the shopper's mail links to it. */
    trackingUrl: text(),
    canceledAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('orders_tenant_reference_key').on(t.tenantId, t.reference),
    index('orders_tenant_status_created_idx').on(t.tenantId, t.status, t.createdAt),
    // the dashboard's keyset order (created, id) within a tenant: every list page is an index range
    index('orders_tenant_created_id_idx').on(t.tenantId, t.createdAt, t.id),
    // contains-search over email and name (`%text%`): a trigram index, not a scan of the tenant
    index('orders_search_trgm_idx').using(
      'gin',
      sql`lower(${t.customerEmail} || ' ' || coalesce(${t.customer} ->> 'name', '')) gin_trgm_ops`,
    ),
    index('orders_checkout_session_idx').on(t.checkoutSessionId),
    index('orders_payment_link_idx').on(t.paymentLinkId),
    // an invoice link is paid once: at most one order carries its `cs_link_…` session
    uniqueIndex('orders_invoice_link_key')
      .on(t.paymentLinkId)
      .where(sql`${t.paymentLinkId} = ${t.checkoutSessionId}`),
    check('orders_reference_format', sql`${t.reference} ~ '^#[0-9A-Z]{8}$'`),
    check(
      'orders_totals_consistent',
      sql`${t.total} >= 0 AND ${t.subtotal} >= 0 AND ${t.discountTotal} >= 0 AND ${t.taxTotal} >= 0 AND ${t.shippingTotal} >= 0`,
    ),
    check('orders_refund_within_paid', sql`${t.amountRefunded} <= ${t.amountPaid}`),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    orderId: text()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    /** Null only for a line sold without a product (an invoice link: its description and amount). */
    productId: text().references(() => products.id, { onDelete: 'restrict' }),
    priceId: text().references(() => prices.id, { onDelete: 'restrict' }),
    title: text().notNull(),
    unitAmount: money().notNull(),
    quantity: integer().notNull(),
    lineSubtotal: money().notNull(),
    lineDiscount: money().notNull().default(0),
    lineTax: money().notNull().default(0),
    lineTotal: money().notNull(),
    taxRateBps: integer().notNull().default(0),
    taxInclusive: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index('order_items_tenant_idx').on(t.tenantId),
    index('order_items_order_idx').on(t.orderId),
    check('order_items_quantity_positive', sql`${t.quantity} > 0`),
    // a line names both its product and price, or neither (a product-less invoice-link line)
    check(
      'order_items_product_price_together',
      sql`(${t.productId} IS NULL) = (${t.priceId} IS NULL)`,
    ),
  ],
);
