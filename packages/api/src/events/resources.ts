import type {
  MerchantEvent,
  WebhookDelivery,
  WebhookDeliveryAttempt,
  WebhookEndpoint,
} from '@prood/db';
import type { subscriptions } from '@prood/db/schema';
import { idSchema } from '@prood/validators';
import { z } from 'zod';
import { EVENT_TYPES } from './types';

export const eventTypeSchema = z.enum(EVENT_TYPES);

export const eventSchema = z
  .object({
    id: z.string().meta({ example: 'evt_3fK9aZ2LqW8xYt1VbN0cDe' }),
    object: z.literal('event'),
    type: eventTypeSchema,
    apiVersion: z.string().meta({ example: '2026-12-01' }),
    sequence: z
      .number()
      .int()
      .meta({ description: 'Per-account, strictly increasing; sort by it, not by time.' }),
    created: z.string().meta({ description: 'ISO 8601' }),
    data: z.object({
      object: z.record(z.string(), z.unknown()).meta({
        description: 'The object as the API returns it (an order, a checkout session, …).',
      }),
      previousAttributes: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Event' });

export type EventResource = z.infer<typeof eventSchema>;

/** The public shape of an event; also the exact body every webhook delivery carries. */
export function toEventResource(event: MerchantEvent): EventResource {
  return {
    id: event.id,
    object: 'event',
    type: event.type as EventResource['type'],
    apiVersion: event.apiVersion,
    // null only inside the writing transaction; every committed event has its number
    sequence: event.sequence ?? 0,
    created: event.createdAt.toISOString(),
    data: event.data as EventResource['data'],
  };
}

export const subscriptionSchema = z
  .object({
    id: z.string(),
    object: z.literal('subscription'),
    status: z.string(),
    orderId: z.string().nullable(),
    customerId: z.string().nullable(),
    currentPeriodEnd: z.string().nullable(),
    cancelAtPeriodEnd: z.boolean(),
  })
  .meta({ id: 'Subscription' });

export function toSubscriptionResource(
  row: typeof subscriptions.$inferSelect,
): z.infer<typeof subscriptionSchema> {
  return {
    id: row.id,
    object: 'subscription',
    status: row.status,
    orderId: row.orderId,
    customerId: row.customerId,
    currentPeriodEnd: row.currentPeriodEnd?.toISOString() ?? null,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
  };
}

const enabledEventsSchema = z
  .array(z.union([eventTypeSchema, z.literal('*')]))
  .min(1)
  .max(EVENT_TYPES.length + 1)
  .transform((types) => (types.includes('*') ? ['*'] : [...new Set(types)]))
  .meta({ description: 'Event types sent to this endpoint; `["*"]` for all.' });

export const createWebhookEndpointSchema = z
  .object({
    url: z.string().max(2048).meta({ example: 'https://shop.example/webhooks/prood' }),
    enabledEvents: enabledEventsSchema,
    description: z.string().max(500).nullable().optional(),
  })
  .strict();

export const updateWebhookEndpointSchema = z
  .object({
    url: z.string().max(2048).optional(),
    enabledEvents: enabledEventsSchema.optional(),
    description: z.string().max(500).nullable().optional(),
    disabled: z
      .boolean()
      .optional()
      .meta({ description: 'Pause (true) or resume (false) deliveries.' }),
  })
  .strict();

export const webhookEndpointSchema = z
  .object({
    id: z.string().meta({ example: 'we_3fK9aZ2LqW8xYt1VbN0cDe' }),
    object: z.literal('webhook_endpoint'),
    url: z.string(),
    description: z.string().nullable(),
    enabledEvents: z.array(z.string()),
    mode: z.enum(['test', 'live']),
    status: z.enum(['enabled', 'disabled']),
    disabledReason: z.string().nullable(),
    secretRotatedUntil: z
      .string()
      .nullable()
      .meta({ description: 'While set, deliveries are signed with the old secret too.' }),
    created: z.string(),
  })
  .meta({ id: 'WebhookEndpoint' });

export const webhookEndpointWithSecretSchema = webhookEndpointSchema
  .extend({
    secret: z.string().meta({
      description: 'The signing secret (`whsec_…`). Shown only when created or rotated.',
    }),
  })
  .meta({ id: 'WebhookEndpointWithSecret' });

export function toEndpointResource(
  endpoint: WebhookEndpoint,
  now = new Date(),
): z.infer<typeof webhookEndpointSchema> {
  const overlap =
    endpoint.previousSecret &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt > now
      ? endpoint.previousSecretExpiresAt.toISOString()
      : null;
  return {
    id: endpoint.id,
    object: 'webhook_endpoint',
    url: endpoint.url,
    description: endpoint.description,
    enabledEvents: endpoint.enabledEvents,
    mode: endpoint.mode,
    status: endpoint.status,
    disabledReason: endpoint.disabledReason,
    secretRotatedUntil: overlap,
    created: endpoint.createdAt.toISOString(),
  };
}

export const deliveryAttemptSchema = z
  .object({
    id: z.string(),
    attemptedAt: z.string(),
    succeeded: z.boolean(),
    responseStatus: z.number().int().nullable(),
    responseExcerpt: z.string().nullable(),
    error: z.string().nullable(),
    durationMs: z.number().int(),
  })
  .meta({ id: 'WebhookDeliveryAttempt' });

export const deliverySchema = z
  .object({
    id: z.string(),
    object: z.literal('webhook_delivery'),
    endpointId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed']),
    attemptCount: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    lastResponseStatus: z.number().int().nullable(),
    created: z.string(),
  })
  .meta({ id: 'WebhookDelivery' });

export function toDeliveryResource(delivery: WebhookDelivery): z.infer<typeof deliverySchema> {
  return {
    id: delivery.id,
    object: 'webhook_delivery',
    endpointId: delivery.endpointId,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attemptCount: delivery.attemptCount,
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
    lastResponseStatus: delivery.lastResponseStatus,
    created: delivery.createdAt.toISOString(),
  };
}

export function toAttemptResource(
  attempt: WebhookDeliveryAttempt,
): z.infer<typeof deliveryAttemptSchema> {
  return {
    id: attempt.id,
    attemptedAt: attempt.attemptedAt.toISOString(),
    succeeded: attempt.succeeded,
    responseStatus: attempt.responseStatus,
    responseExcerpt: attempt.responseExcerpt,
    error: attempt.error,
    durationMs: attempt.durationMs,
  };
}

const isoOrUnix = z.string().transform((value, ctx) => {
  const date = /^\d+$/.test(value) ? new Date(Number(value) * 1000) : new Date(value);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 date or unix seconds' });
    return z.NEVER;
  }
  return date;
});

export const listEventsQuerySchema = z
  .object({
    type: z
      .string()
      .transform((value) => value.split(','))
      .pipe(z.array(eventTypeSchema))
      .optional()
      .meta({ description: 'Comma-separated event types, e.g. order.paid,order.refunded' }),
    createdFrom: isoOrUnix.optional().meta({ description: 'created ≥ this (ISO 8601 or unix s)' }),
    createdBefore: isoOrUnix
      .optional()
      .meta({ description: 'created < this (ISO 8601 or unix s)' }),
    startingAfter: idSchema('event')
      .optional()
      .meta({ description: 'Cursor: events older than this one (the next page).' }),
    endingBefore: idSchema('event')
      .optional()
      .meta({ description: 'Cursor: events newer than this one (what happened since).' }),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((q) => !(q.startingAfter && q.endingBefore), {
    message: 'use startingAfter or endingBefore, not both',
  });

export const eventListSchema = z.object({
  object: z.literal('list'),
  data: z.array(eventSchema),
  hasMore: z.boolean(),
});
