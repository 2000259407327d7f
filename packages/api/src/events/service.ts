import {
  type Database,
  deleteWebhookEndpoint,
  type Executor,
  getEvent,
  getWebhookDelivery,
  getWebhookEndpoint,
  insertWebhookEndpoint,
  listDeliveryAttempts,
  listEvents,
  listWebhookDeliveries,
  listWebhookEndpoints,
  MAX_WEBHOOK_ENDPOINTS,
  type MerchantEvent,
  notifyWebhookDeliveriesDue,
  requeueWebhookDelivery,
  updateWebhookEndpoint,
  type WebhookDelivery,
} from '@prood/db';
import { newId } from '@prood/validators';
import type { z } from 'zod';
import { ApiError, notFound } from '../errors';
import {
  type createWebhookEndpointSchema,
  type listEventsQuerySchema,
  toAttemptResource,
  toDeliveryResource,
  toEndpointResource,
  toEventResource,
  type updateWebhookEndpointSchema,
} from './resources';
import { newWebhookSecret } from './signing';
import { assertDeliverableUrl, type EndpointMode, type ResolveHost } from './ssrf';

/** How long the secret before a rotation keeps signing deliveries. */
export const SECRET_OVERLAP_MS = 24 * 3_600_000;
/** Endpoints per tenant; a sane bound on fan-out. */
const MAX_ENDPOINTS = MAX_WEBHOOK_ENDPOINTS;

/** What the endpoint and event operations run with (REST and tRPC alike). */
export interface EventsScope {
  db: Database;
  tenantId: string;
  resolveHost: ResolveHost;
  now?: () => Date;
}

const nowOf = (scope: EventsScope) => scope.now?.() ?? new Date();

/**
 * Registers a webhook endpoint after the SSRF check and returns it with its secret — the only
 * time the secret is shown.
 *
 * @example
 * const { secret } = await createWebhookEndpoint(scope, 'live', { url: 'https://shop.example/hooks', enabledEvents: ['order.paid'] });
 */
export async function createWebhookEndpoint(
  scope: EventsScope,
  mode: EndpointMode,
  input: z.output<typeof createWebhookEndpointSchema>,
) {
  const url = await assertDeliverableUrl(input.url, mode, scope.resolveHost);
  const existing = await listWebhookEndpoints(scope.db, scope);
  if (existing.length >= MAX_ENDPOINTS) {
    throw new ApiError('conflict', `At most ${MAX_ENDPOINTS} webhook endpoints per account.`);
  }
  const secret = newWebhookSecret();
  const endpoint = await insertWebhookEndpoint(scope.db, {
    id: newId('webhookEndpoint'),
    tenantId: scope.tenantId,
    url: url.toString(),
    description: input.description ?? null,
    enabledEvents: input.enabledEvents,
    mode,
    secret,
  });
  return { ...toEndpointResource(endpoint, nowOf(scope)), secret };
}

async function loadEndpoint(scope: EventsScope, endpointId: string) {
  const endpoint = await getWebhookEndpoint(scope.db, { tenantId: scope.tenantId, endpointId });
  if (!endpoint) throw notFound('webhook endpoint');
  return endpoint;
}

export async function listEndpoints(scope: EventsScope) {
  const now = nowOf(scope);
  return (await listWebhookEndpoints(scope.db, scope)).map((e) => toEndpointResource(e, now));
}

export async function getEndpoint(scope: EventsScope, endpointId: string) {
  return toEndpointResource(await loadEndpoint(scope, endpointId), nowOf(scope));
}

/** Changes url (checked again), event types, description, or pauses/resumes the endpoint. */
export async function updateEndpoint(
  scope: EventsScope,
  endpointId: string,
  input: z.output<typeof updateWebhookEndpointSchema>,
) {
  const endpoint = await loadEndpoint(scope, endpointId);
  const url =
    input.url === undefined
      ? undefined
      : (await assertDeliverableUrl(input.url, endpoint.mode, scope.resolveHost)).toString();
  const updated = await updateWebhookEndpoint(
    scope.db,
    { tenantId: scope.tenantId, endpointId },
    {
      ...(url === undefined ? {} : { url }),
      ...(input.enabledEvents === undefined ? {} : { enabledEvents: input.enabledEvents }),
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(input.disabled === undefined
        ? {}
        : input.disabled
          ? { status: 'disabled' as const, disabledReason: 'Paused by the merchant.' }
          : { status: 'enabled' as const, disabledReason: null }),
    },
  );
  if (!updated) throw notFound('webhook endpoint');
  return toEndpointResource(updated, nowOf(scope));
}

export async function deleteEndpoint(scope: EventsScope, endpointId: string) {
  if (!(await deleteWebhookEndpoint(scope.db, { tenantId: scope.tenantId, endpointId }))) {
    throw notFound('webhook endpoint');
  }
  return { id: endpointId, object: 'webhook_endpoint' as const, deleted: true as const };
}

/**
 * A new secret, shown once; the old one keeps signing for 24 hours (both signatures are sent),
 * so the receiver can switch without losing a delivery.
 */
export async function rotateEndpointSecret(scope: EventsScope, endpointId: string) {
  const endpoint = await loadEndpoint(scope, endpointId);
  const now = nowOf(scope);
  const secret = newWebhookSecret();
  const updated = await updateWebhookEndpoint(
    scope.db,
    { tenantId: scope.tenantId, endpointId },
    {
      secret,
      previousSecret: endpoint.secret,
      previousSecretExpiresAt: new Date(now.getTime() + SECRET_OVERLAP_MS),
    },
  );
  if (!updated) throw notFound('webhook endpoint');
  return { ...toEndpointResource(updated, now), secret };
}

async function sequenceOf(db: Executor, tenantId: string, eventId: string): Promise<number> {
  const event = await getEvent(db, { tenantId, eventId });
  if (!event) throw new ApiError('not_found', 'No such event.', { field: 'cursor' });
  return event.sequence ?? 0;
}

/** `GET /v1/events`: newest first, filtered by type and created range, cursor-paginated. */
export async function listEventsPage(
  scope: EventsScope,
  query: z.output<typeof listEventsQuerySchema>,
) {
  const rows: MerchantEvent[] = await listEvents(scope.db, {
    tenantId: scope.tenantId,
    types: query.type,
    createdGte: query.createdFrom,
    createdLt: query.createdBefore,
    beforeSequence: query.startingAfter
      ? await sequenceOf(scope.db, scope.tenantId, query.startingAfter)
      : undefined,
    afterSequence: query.endingBefore
      ? await sequenceOf(scope.db, scope.tenantId, query.endingBefore)
      : undefined,
    limit: query.limit + 1,
  });
  // with endingBefore the closest events come last, so the surplus one is the newest
  const page = query.endingBefore ? rows.slice(-query.limit) : rows.slice(0, query.limit);
  return {
    object: 'list' as const,
    data: page.map(toEventResource),
    hasMore: rows.length > query.limit,
  };
}

export async function getEventResource(scope: EventsScope, eventId: string) {
  const event = await getEvent(scope.db, { tenantId: scope.tenantId, eventId });
  if (!event) throw notFound('event');
  return toEventResource(event);
}

export async function listDeliveries(
  scope: EventsScope,
  filter: {
    endpointId?: string | undefined;
    eventId?: string | undefined;
    status?: WebhookDelivery['status'] | undefined;
    eventType?: string | undefined;
    startingAfter?: string | undefined;
    limit: number;
  },
) {
  let before: { createdAt: Date; id: string } | undefined;
  if (filter.startingAfter) {
    const cursor = await getWebhookDelivery(scope.db, {
      tenantId: scope.tenantId,
      deliveryId: filter.startingAfter,
    });
    if (!cursor) throw new ApiError('not_found', 'No such delivery.', { field: 'startingAfter' });
    before = { createdAt: cursor.createdAt, id: cursor.id };
  }
  const rows = await listWebhookDeliveries(scope.db, {
    tenantId: scope.tenantId,
    endpointId: filter.endpointId,
    eventId: filter.eventId,
    status: filter.status,
    eventType: filter.eventType,
    before,
    limit: filter.limit + 1,
  });
  return {
    object: 'list' as const,
    data: rows.slice(0, filter.limit).map(toDeliveryResource),
    hasMore: rows.length > filter.limit,
  };
}

/** One delivery with every attempt and the exact payload it carries. */
export async function getDeliveryDetail(scope: EventsScope, deliveryId: string) {
  const delivery = await getWebhookDelivery(scope.db, { tenantId: scope.tenantId, deliveryId });
  if (!delivery) throw notFound('delivery');
  const [event, attempts] = await Promise.all([
    getEvent(scope.db, { tenantId: scope.tenantId, eventId: delivery.eventId }),
    listDeliveryAttempts(scope.db, { tenantId: scope.tenantId, deliveryId }),
  ]);
  return {
    ...toDeliveryResource(delivery),
    payload: event ? JSON.stringify(toEventResource(event)) : null,
    attempts: attempts.map(toAttemptResource),
  };
}

/**
 * Sends a delivery again now (a new 3-day window), whatever its state. A disabled endpoint
 * must be enabled first.
 */
export async function resendDelivery(scope: EventsScope, deliveryId: string) {
  const delivery = await getWebhookDelivery(scope.db, { tenantId: scope.tenantId, deliveryId });
  if (!delivery) throw notFound('delivery');
  const endpoint = await loadEndpoint(scope, delivery.endpointId);
  if (endpoint.status !== 'enabled') {
    throw new ApiError('conflict', 'Enable the endpoint before resending to it.', {
      endpointId: endpoint.id,
    });
  }
  const row = await requeueWebhookDelivery(scope.db, {
    tenantId: scope.tenantId,
    deliveryId,
    now: nowOf(scope),
  });
  if (!row) throw notFound('delivery');
  // the relay sends it now rather than at its next poll
  await notifyWebhookDeliveriesDue(scope.db);
  return toDeliveryResource(row);
}
