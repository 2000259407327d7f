import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAt, prefixedId, updatedAt } from './columns';
import { tenantId } from './tenant';

/**
 * The last event sequence number handed out per tenant, bumped by the `events` commit trigger
 * (see the merchant_events migration): its row lock orders one tenant's events by commit.
 */
export const eventSequences = pgTable('event_sequences', {
  tenantId: tenantId().primaryKey(),
  lastSequence: bigint({ mode: 'number' }).notNull(),
});

/**
 * Merchant events (`order.paid`, `checkout.expired`, …): append-only, written in the same
 * transaction as the change they describe. `data` is the object as the API returns it.
 */
export const events = pgTable(
  'events',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    /**
     * Per-tenant, strictly increasing in commit order: assigned by a deferred trigger at commit
     * (so the tenant's counter is locked only for that moment); null only inside the writing
     * transaction.
     */
    sequence: bigint({ mode: 'number' }),
    type: text().notNull(),
    apiVersion: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    /** Makes an event happen once, e.g. `order.paid:ord_…`; null for events that may repeat. */
    dedupeKey: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('events_tenant_sequence_key').on(t.tenantId, t.sequence),
    uniqueIndex('events_tenant_dedupe_key').on(t.tenantId, t.dedupeKey),
    index('events_tenant_type_idx').on(t.tenantId, t.type, t.sequence),
    index('events_tenant_created_idx').on(t.tenantId, t.createdAt),
  ],
);

/** A merchant's HTTPS receiver for events, with its own Standard Webhooks secret. */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    url: text().notNull(),
    description: text(),
    /** Event types delivered here; `*` means all. */
    enabledEvents: text().array().notNull(),
    /** Live endpoints must be https and public; test endpoints may be `http://localhost`. */
    mode: text({ enum: ['test', 'live'] }).notNull(),
    status: text({ enum: ['enabled', 'disabled'] })
      .notNull()
      .default('enabled'),
    disabledReason: text(),
    secret: text().notNull(),
    /** The secret before the last rotation, still signing until `previousSecretExpiresAt`. */
    previousSecret: text(),
    previousSecretExpiresAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('webhook_endpoints_tenant_idx').on(t.tenantId)],
);

/** One event owed to one endpoint: retried until a 2xx or until `giveUpAt`. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    endpointId: text()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: text()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    eventType: text().notNull(),
    status: text({ enum: ['pending', 'succeeded', 'failed'] })
      .notNull()
      .default('pending'),
    attemptCount: integer().notNull().default(0),
    /** When the next attempt is due; null once succeeded or given up. */
    nextAttemptAt: timestamp({ withTimezone: true }),
    /** Set while a worker holds the delivery (its lease); cleared when the attempt is recorded. */
    claimedAt: timestamp({ withTimezone: true }),
    /** Retries stop here (3 days after the event, or after a resend). */
    giveUpAt: timestamp({ withTimezone: true }).notNull(),
    lastAttemptAt: timestamp({ withTimezone: true }),
    lastResponseStatus: integer(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_endpoint_event_key').on(t.endpointId, t.eventId),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_tenant_endpoint_idx').on(t.tenantId, t.endpointId, t.createdAt),
  ],
);

/** Every HTTP attempt of a delivery, as it happened. */
export const webhookDeliveryAttempts = pgTable(
  'webhook_delivery_attempts',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    deliveryId: text()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attemptedAt: timestamp({ withTimezone: true }).notNull(),
    succeeded: boolean().notNull(),
    responseStatus: integer(),
    /** At most 1 KiB of the response body, or why there was none (timeout, refused address). */
    responseExcerpt: text(),
    error: text(),
    durationMs: integer().notNull(),
  },
  (t) => [index('webhook_delivery_attempts_delivery_idx').on(t.deliveryId, t.attemptedAt)],
);
