import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { events, webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints } from '../schema';
import { scoped, type TenantScope } from './scope';

export type MerchantEvent = typeof events.$inferSelect;
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookDeliveryAttempt = typeof webhookDeliveryAttempts.$inferSelect;

/** How long a delivery is retried before it is given up (and its endpoint disabled). */
export const DELIVERY_RETRY_WINDOW_MS = 3 * 24 * 3_600_000;

/**
 * Appends one merchant event inside the caller's transaction and owes it to every enabled
 * endpoint that subscribes to its type. Its per-tenant `sequence` is assigned at commit. With a `dedupeKey` the event happens at most once:
 * returns undefined when it already exists.
 *
 * @example
 * await appendEvent(tx, { tenantId, id: 'evt_…', type: 'order.paid', apiVersion: '2026-12-01', data, dedupeKey: 'order.paid:ord_…' });
 */
export async function appendEvent(
  tx: Executor,
  input: TenantScope & {
    id: string;
    type: string;
    apiVersion: string;
    data: Record<string, unknown>;
    dedupeKey?: string | undefined;
    /** Makes a delivery id per endpoint. */
    newDeliveryId: () => string;
  },
): Promise<MerchantEvent | undefined> {
  // the event and the endpoints that want it do not depend on each other: sent together,
  // they cost one round trip
  const [[event], endpoints] = await Promise.all([
    tx
      .insert(events)
      .values({
        id: input.id,
        tenantId: input.tenantId,
        type: input.type,
        apiVersion: input.apiVersion,
        data: input.data,
        dedupeKey: input.dedupeKey ?? null,
      })
      .onConflictDoNothing({ target: [events.tenantId, events.dedupeKey] })
      .returning(),
    tx
      .select({ id: webhookEndpoints.id })
      .from(webhookEndpoints)
      .where(
        scoped(
          webhookEndpoints,
          input,
          eq(webhookEndpoints.status, 'enabled'),
          sql`(${input.type} = any(${webhookEndpoints.enabledEvents}) or '*' = any(${webhookEndpoints.enabledEvents}))`,
        ),
      ),
  ]);
  if (!event) return undefined;
  if (endpoints.length > 0) {
    await tx.insert(webhookDeliveries).values(
      endpoints.map((endpoint) => ({
        id: input.newDeliveryId(),
        tenantId: input.tenantId,
        endpointId: endpoint.id,
        eventId: event.id,
        eventType: event.type,
        nextAttemptAt: event.createdAt,
        giveUpAt: new Date(event.createdAt.getTime() + DELIVERY_RETRY_WINDOW_MS),
      })),
    );
  }
  return event;
}

export interface ListEventsFilter extends TenantScope {
  types?: string[] | undefined;
  createdGte?: Date | undefined;
  createdLt?: Date | undefined;
  /** Older than this sequence (the next page, newest first). */
  beforeSequence?: number | undefined;
  /** Newer than this sequence (what happened since; still returned newest first). */
  afterSequence?: number | undefined;
  limit: number;
}

/**
 * Events newest first. With `afterSequence` it returns the `limit` events closest after that
 * sequence (so a follower never skips one), still newest first.
 */
export async function listEvents(db: Executor, filter: ListEventsFilter): Promise<MerchantEvent[]> {
  const where = scoped(
    events,
    filter,
    filter.types?.length ? inArray(events.type, filter.types) : undefined,
    filter.createdGte ? gte(events.createdAt, filter.createdGte) : undefined,
    filter.createdLt ? lt(events.createdAt, filter.createdLt) : undefined,
    filter.beforeSequence !== undefined ? lt(events.sequence, filter.beforeSequence) : undefined,
    filter.afterSequence !== undefined ? gt(events.sequence, filter.afterSequence) : undefined,
  );
  if (filter.afterSequence !== undefined) {
    const rows = await db
      .select()
      .from(events)
      .where(where)
      .orderBy(asc(events.sequence))
      .limit(filter.limit);
    return rows.reverse();
  }
  return db.select().from(events).where(where).orderBy(desc(events.sequence)).limit(filter.limit);
}

export async function getEvent(
  db: Executor,
  scope: TenantScope & { eventId: string },
): Promise<MerchantEvent | undefined> {
  const [row] = await db
    .select()
    .from(events)
    .where(scoped(events, scope, eq(events.id, scope.eventId)))
    .limit(1);
  return row;
}

export async function insertWebhookEndpoint(
  db: Executor,
  values: typeof webhookEndpoints.$inferInsert,
): Promise<WebhookEndpoint> {
  const [row] = await db.insert(webhookEndpoints).values(values).returning();
  if (!row) throw new Error('webhook endpoint insert returned no row');
  return row;
}

export async function listWebhookEndpoints(
  db: Executor,
  scope: TenantScope,
): Promise<WebhookEndpoint[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(scoped(webhookEndpoints, scope))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
}

export async function getWebhookEndpoint(
  db: Executor,
  scope: TenantScope & { endpointId: string },
): Promise<WebhookEndpoint | undefined> {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(scoped(webhookEndpoints, scope, eq(webhookEndpoints.id, scope.endpointId)))
    .limit(1);
  return row;
}

export async function updateWebhookEndpoint(
  db: Executor,
  scope: TenantScope & { endpointId: string },
  set: Partial<Omit<WebhookEndpoint, 'id' | 'tenantId' | 'createdAt'>>,
): Promise<WebhookEndpoint | undefined> {
  const [row] = await db
    .update(webhookEndpoints)
    .set(set)
    .where(scoped(webhookEndpoints, scope, eq(webhookEndpoints.id, scope.endpointId)))
    .returning();
  return row;
}

export async function deleteWebhookEndpoint(
  db: Executor,
  scope: TenantScope & { endpointId: string },
): Promise<boolean> {
  const rows = await db
    .delete(webhookEndpoints)
    .where(scoped(webhookEndpoints, scope, eq(webhookEndpoints.id, scope.endpointId)))
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

export interface ListDeliveriesFilter extends TenantScope {
  endpointId?: string | undefined;
  eventId?: string | undefined;
  status?: WebhookDelivery['status'] | undefined;
  eventType?: string | undefined;
  /** Cursor: deliveries created before this one. */
  before?: { createdAt: Date; id: string } | undefined;
  limit: number;
}

export async function listWebhookDeliveries(
  db: Executor,
  filter: ListDeliveriesFilter,
): Promise<WebhookDelivery[]> {
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      scoped(
        webhookDeliveries,
        filter,
        filter.endpointId ? eq(webhookDeliveries.endpointId, filter.endpointId) : undefined,
        filter.eventId ? eq(webhookDeliveries.eventId, filter.eventId) : undefined,
        filter.status ? eq(webhookDeliveries.status, filter.status) : undefined,
        filter.eventType ? eq(webhookDeliveries.eventType, filter.eventType) : undefined,
        filter.before
          ? or(
              lt(webhookDeliveries.createdAt, filter.before.createdAt),
              and(
                eq(webhookDeliveries.createdAt, filter.before.createdAt),
                lt(webhookDeliveries.id, filter.before.id),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(filter.limit);
}

export async function getWebhookDelivery(
  db: Executor,
  scope: TenantScope & { deliveryId: string },
): Promise<WebhookDelivery | undefined> {
  const [row] = await db
    .select()
    .from(webhookDeliveries)
    .where(scoped(webhookDeliveries, scope, eq(webhookDeliveries.id, scope.deliveryId)))
    .limit(1);
  return row;
}

export async function listDeliveryAttempts(
  db: Executor,
  scope: TenantScope & { deliveryId: string },
): Promise<WebhookDeliveryAttempt[]> {
  return db
    .select()
    .from(webhookDeliveryAttempts)
    .where(
      scoped(
        webhookDeliveryAttempts,
        scope,
        eq(webhookDeliveryAttempts.deliveryId, scope.deliveryId),
      ),
    )
    .orderBy(asc(webhookDeliveryAttempts.attemptedAt), asc(webhookDeliveryAttempts.id));
}

/**
 * Claims up to `limit` deliveries that are due at `now` and not held by a live lease, across
 * tenants (the delivery worker's own query). Concurrent claimers never get the same row.
 */
export async function claimDueDeliveries(
  db: Executor,
  input: { now: Date; leaseMs: number; limit: number },
): Promise<Array<{ id: string; tenantId: string }>> {
  const staleLease = new Date(input.now.getTime() - input.leaseMs);
  const due = db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.status, 'pending'),
        lte(webhookDeliveries.nextAttemptAt, input.now),
        or(isNull(webhookDeliveries.claimedAt), lt(webhookDeliveries.claimedAt, staleLease)),
      ),
    )
    .orderBy(asc(webhookDeliveries.nextAttemptAt))
    .limit(input.limit)
    .for('update', { skipLocked: true });
  return db
    .update(webhookDeliveries)
    .set({ claimedAt: input.now })
    .where(inArray(webhookDeliveries.id, due))
    .returning({ id: webhookDeliveries.id, tenantId: webhookDeliveries.tenantId });
}

/** A delivery with what an attempt needs (its endpoint and event), in one read. */
export async function loadDeliveryForAttempt(
  db: Executor,
  scope: TenantScope & { deliveryId: string },
): Promise<
  { delivery: WebhookDelivery; endpoint: WebhookEndpoint; event: MerchantEvent } | undefined
> {
  const [row] = await db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints, event: events })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(scoped(webhookDeliveries, scope, eq(webhookDeliveries.id, scope.deliveryId)))
    .limit(1);
  return row;
}

/**
 * Records one attempt and moves its delivery on, in one statement (so, atomically): the
 * attempt row is inserted and the delivery's status, counters and next attempt are set.
 */
export async function recordDeliveryAttempt(
  db: Executor,
  attempt: typeof webhookDeliveryAttempts.$inferInsert,
  delivery: Pick<
    WebhookDelivery,
    'status' | 'attemptCount' | 'nextAttemptAt' | 'lastResponseStatus'
  >,
): Promise<void> {
  const inserted = db
    .$with('inserted')
    .as(
      db
        .insert(webhookDeliveryAttempts)
        .values(attempt)
        .returning({ id: webhookDeliveryAttempts.id }),
    );
  await db
    .with(inserted)
    .update(webhookDeliveries)
    .set({
      ...delivery,
      claimedAt: null,
      lastAttemptAt: attempt.attemptedAt,
      updatedAt: sql`now()`,
    })
    .where(
      scoped(
        webhookDeliveries,
        attempt,
        eq(webhookDeliveries.id, attempt.deliveryId),
        sql`exists (select 1 from ${inserted})`,
      ),
    );
}
