import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, currencyCode, money, prefixedId, updatedAt } from './columns';
import { orders } from './orders';
import { tenantId } from './tenant';

export const payments = pgTable(
  'payments',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    orderId: text()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    provider: text().notNull(),
    /** The provider's id for the payment (PaymentIntent, sandbox payment…). */
    providerPaymentId: text().notNull(),
    checkoutSessionId: text(),
    amount: money().notNull(),
    currency: currencyCode().notNull(),
    status: text({ enum: ['processing', 'succeeded', 'failed', 'requires_action'] }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('payments_tenant_provider_payment_key').on(
      t.tenantId,
      t.provider,
      t.providerPaymentId,
    ),
    index('payments_order_idx').on(t.orderId),
  ],
);

/**
 * One row per checkout attempt of an order, written when the attempt starts: our checkout
 * session and, once the shopper starts paying, the provider's session. Postgres keeps it after
 * the session store's key has expired, so reconciliation can always ask the provider.
 */
export const paymentAttempts = pgTable(
  'payment_attempts',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    orderId: text()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    attempt: integer().notNull(),
    provider: text(),
    checkoutSessionId: text(),
    providerSessionId: text(),
    /** `starting` while reserved, `open` with a session, `ended` once expired, canceled or replaced. */
    status: text({ enum: ['starting', 'open', 'ended'] }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('payment_attempts_order_attempt_key').on(t.orderId, t.attempt),
    index('payment_attempts_tenant_session_idx').on(t.tenantId, t.checkoutSessionId),
  ],
);

export const refunds = pgTable(
  'refunds',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    orderId: text()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    paymentId: text().references(() => payments.id, { onDelete: 'set null' }),
    provider: text().notNull(),
    providerRefundId: text(),
    amount: money().notNull(),
    currency: currencyCode().notNull(),
    reason: text(),
    /** The merchant's own words about the refund; shown in the dashboard, never sent to the provider. */
    note: text(),
    status: text({ enum: ['pending', 'succeeded', 'failed'] }).notNull(),
    idempotencyKey: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('refunds_order_idx').on(t.orderId),
    uniqueIndex('refunds_tenant_idempotency_key').on(t.tenantId, t.idempotencyKey),
    uniqueIndex('refunds_tenant_provider_refund_key').on(
      t.tenantId,
      t.provider,
      t.providerRefundId,
    ),
    check('refunds_amount_positive', sql`${t.amount} > 0`),
  ],
);

/** Every provider event, stored once. The unique key is what makes redelivery harmless. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    provider: text().notNull(),
    eventId: text().notNull(),
    type: text().notNull(),
    /** The normalized event(s) the provider's payload mapped to. */
    normalized: jsonb().$type<unknown[]>().notNull().default([]),
    /** What applying them did, per normalized event (`{ type, orderId, outcome, status }`). */
    effects: jsonb().$type<unknown[]>(),
    /** The provider's verified body as received (at most 64 KiB; null when larger or not a webhook). */
    payload: text(),
    /** Size in bytes of the body as received, also when it was too large to keep. */
    payloadBytes: integer(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Redeliveries of the same event after the first, counted by the statement that refuses them. */
    duplicates: integer().notNull().default(0),
    lastReceivedAt: timestamp({ withTimezone: true }),
    handledAt: timestamp({ withTimezone: true }),
    /** Why the last attempt to apply it failed (rolled back); cleared once it is applied. */
    error: text(),
  },
  (t) => [
    uniqueIndex('webhook_events_tenant_provider_event_key').on(t.tenantId, t.provider, t.eventId),
    index('webhook_events_tenant_received_idx').on(t.tenantId, t.receivedAt, t.id),
  ],
);

/**
 * Provider deliveries refused before anything was stored (bad or missing signature, stale
 * timestamp, unparsable body). Never the body: an attacker controls it. One row per tenant,
 * provider, reason and minute with a counter, so a flood of forgeries stays a few rows; pruned
 * after 30 days by the cleanup sweep.
 */
export const webhookRejections = pgTable(
  'webhook_rejections',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    provider: text().notNull(),
    /** The refusal's code, e.g. `webhook_signature_invalid`. */
    reason: text().notNull(),
    /** Which hop refused it: the checkout app's receiver or the API's second verification. */
    source: text({ enum: ['checkout', 'api'] }).notNull(),
    /** The minute the deliveries of this row arrived in. */
    windowStart: timestamp({ withTimezone: true }).notNull(),
    count: integer().notNull().default(1),
    firstAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Largest body size seen in the window, in bytes. */
    maxBytes: integer().notNull().default(0),
  },
  (t) => [
    uniqueIndex('webhook_rejections_window_key').on(
      t.tenantId,
      t.provider,
      t.reason,
      t.source,
      t.windowStart,
    ),
    index('webhook_rejections_tenant_last_idx').on(t.tenantId, t.lastAt, t.id),
    index('webhook_rejections_last_idx').on(t.lastAt),
  ],
);

/** One row per effect applied to an order; `UNIQUE(order, event)` makes each effect happen once. */
export const fulfillmentLog = pgTable(
  'fulfillment_log',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    orderId: text()
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    event: text().notNull(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('fulfillment_log_order_event_key').on(t.orderId, t.event),
    index('fulfillment_log_tenant_idx').on(t.tenantId),
  ],
);

export const providerCustomers = pgTable(
  'provider_customers',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    provider: text().notNull(),
    /** Our key for the customer within the tenant (normalized email). */
    email: text().notNull(),
    providerCustomerId: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('provider_customers_tenant_provider_email_key').on(t.tenantId, t.provider, t.email),
    uniqueIndex('provider_customers_tenant_provider_customer_key').on(
      t.tenantId,
      t.provider,
      t.providerCustomerId,
    ),
  ],
);

export const subscriptions = pgTable(
  'subscriptions',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    orderId: text().references(() => orders.id, { onDelete: 'set null' }),
    customerId: text().references(() => providerCustomers.id, { onDelete: 'set null' }),
    provider: text().notNull(),
    providerSubscriptionId: text().notNull(),
    status: text().notNull(),
    priceId: text(),
    currentPeriodStart: timestamp({ withTimezone: true }),
    currentPeriodEnd: timestamp({ withTimezone: true }),
    cancelAtPeriodEnd: boolean().notNull().default(false),
    canceledAt: timestamp({ withTimezone: true }),
    metadata: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('subscriptions_tenant_provider_sub_key').on(
      t.tenantId,
      t.provider,
      t.providerSubscriptionId,
    ),
  ],
);
