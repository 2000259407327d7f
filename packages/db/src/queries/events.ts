import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { reusable } from '../reusable';
import { events, webhookDeliveries, webhookDeliveryAttempts, webhookEndpoints } from '../schema';
import { scoped, scopedStatement, type TenantScope } from './scope';

export type MerchantEvent = typeof events.$inferSelect;
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
export type WebhookDeliveryAttempt = typeof webhookDeliveryAttempts.$inferSelect;

/** How long a delivery is retried before it is given up (and its endpoint disabled). */
export const DELIVERY_RETRY_WINDOW_MS = 3 * 24 * 3_600_000;

/** Webhook endpoints a tenant may have; also the most deliveries one event can owe. */
export const MAX_WEBHOOK_ENDPOINTS = 16;

/**
 * The channel `NOTIFY`d (at commit) when deliveries become due now: new events owed to an
 * endpoint, and resends. The delivery relay `LISTEN`s on it instead of waiting out its poll.
 */
export const WEBHOOK_DUE_CHANNEL = 'prood_webhook_deliveries_due';

/**
 * Appends one merchant event inside the caller's transaction and owes it to every enabled
 * endpoint that subscribes to its type, in one statement (one round trip): the event insert,
 * the endpoints that want it, their delivery rows and a `NOTIFY` for the delivery relay. Its
 * per-tenant `sequence` is assigned at commit. With a `dedupeKey` the event happens at most
 * once: returns undefined when it already exists (and owes nothing).
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
  // the number of subscribed endpoints is only known inside the statement: an id for each
  // endpoint the tenant may have, the n-th one going to the n-th subscriber
  const deliveryIds = Array.from({ length: MAX_WEBHOOK_ENDPOINTS }, input.newDeliveryId);
  if (!input.tenantId) throw new Error('tenantId is required for a tenant-scoped query');
  // built once per process (every paid order runs it); the values are placeholders
  const [event] = await reusable(
    tx,
    'events.append',
    (d) => {
      const inserted = d.$with('inserted').as(
        d
          .insert(events)
          .values({
            id: sql.placeholder('id'),
            tenantId: sql.placeholder('tenantId'),
            type: sql.placeholder('type'),
            apiVersion: sql.placeholder('apiVersion'),
            data: sql.placeholder('data'),
            dedupeKey: sql.placeholder('dedupeKey'),
          })
          .onConflictDoNothing({ target: [events.tenantId, events.dedupeKey] })
          .returning(),
      );
      const subscribers = d.$with('subscribers').as(
        d
          .select({
            endpointId: sql<string>`${webhookEndpoints.id}`.as('endpoint_id'),
            n: sql<number>`row_number() over (order by ${webhookEndpoints.id})`.as('n'),
          })
          .from(webhookEndpoints)
          .where(
            scopedStatement(
              webhookEndpoints,
              eq(webhookEndpoints.status, 'enabled'),
              sql`(${sql.placeholder('type')}::text = any(${webhookEndpoints.enabledEvents}) or '*' = any(${webhookEndpoints.enabledEvents}))`,
            ),
          ),
      );
      const owed = d.$with('owed', { one: sql<number>`one` }).as(
        sql`insert into ${webhookDeliveries} (id, tenant_id, endpoint_id, event_id, event_type, next_attempt_at, give_up_at)
          select (string_to_array(${sql.placeholder('deliveryIds')}::text, ','))[s.n], i.tenant_id, s.endpoint_id, i.id, i.type, i.created_at,
                 i.created_at + ${`${DELIVERY_RETRY_WINDOW_MS} milliseconds`}::interval
          from inserted i cross join subscribers s
          returning 1 as one`,
      );
      // sent at commit, and once per transaction however many events it owes
      const notified = d
        .$with('notified', { sent: sql<number>`sent` })
        .as(
          sql`select count(pg_notify(${WEBHOOK_DUE_CHANNEL}, '')) as sent from (select 1 from owed limit 1) o`,
        );
      // `notified` only runs when read (a data-modifying CTE like `owed` always runs)
      return d
        .with(inserted, subscribers, owed, notified)
        .select()
        .from(inserted)
        .where(sql`(select sent from notified) >= 0`);
    },
    {
      id: input.id,
      tenantId: input.tenantId,
      type: input.type,
      apiVersion: input.apiVersion,
      data: input.data,
      dedupeKey: input.dedupeKey ?? null,
      deliveryIds: deliveryIds.join(','),
    },
  );
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

/** What one attempt needs: its delivery, the endpoint and the event. */
export interface DeliveryForAttempt {
  delivery: WebhookDelivery;
  endpoint: WebhookEndpoint;
  event: MerchantEvent;
}

/**
 * Deliveries with what their attempts need (endpoint and event), in one read however many:
 * each `(tenantId, deliveryId)` pair is matched as a pair, so a delivery is only ever read
 * under its own tenant. Missing ones are left out.
 *
 * @example
 * const loaded = await loadDeliveriesForAttempt(db, [{ tenantId: 'org_…', deliveryId: 'whd_…' }]);
 */
export async function loadDeliveriesForAttempt(
  db: Executor,
  scopes: ReadonlyArray<TenantScope & { deliveryId: string }>,
): Promise<DeliveryForAttempt[]> {
  if (scopes.length === 0) return [];
  const pairs = sql.join(
    scopes.map((s) => sql`(${s.tenantId}, ${s.deliveryId})`),
    sql`, `,
  );
  return db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints, event: events })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(sql`(${webhookDeliveries.tenantId}, ${webhookDeliveries.id}) in (${pairs})`);
}

/** An attempt to record and where it leaves its delivery. */
export interface AttemptRecord {
  attempt: typeof webhookDeliveryAttempts.$inferInsert;
  delivery: Pick<
    WebhookDelivery,
    'status' | 'attemptCount' | 'nextAttemptAt' | 'lastResponseStatus'
  >;
}

/**
 * Records attempts and moves their deliveries on, in one statement however many (so,
 * atomically): the attempt rows are inserted and each delivery's status, counters and next
 * attempt are set, its lease released.
 *
 * @example
 * await recordDeliveryAttempts(db, [{ attempt: { id: 'wha_…', tenantId, deliveryId, … }, delivery: { status: 'succeeded', attemptCount: 1, nextAttemptAt: null, lastResponseStatus: 200 } }]);
 */
export async function recordDeliveryAttempts(
  db: Executor,
  records: readonly AttemptRecord[],
): Promise<void> {
  if (records.length === 0) return;
  const inserted = db.$with('inserted').as(
    db
      .insert(webhookDeliveryAttempts)
      .values(records.map((r) => r.attempt))
      .returning({
        deliveryId: webhookDeliveryAttempts.deliveryId,
        tenantId: webhookDeliveryAttempts.tenantId,
      }),
  );
  // one row per delivery, as JSON: a single parameter however many there are
  const moves = JSON.stringify(
    records.map((r) => ({
      id: r.attempt.deliveryId,
      tenant_id: r.attempt.tenantId,
      status: r.delivery.status,
      attempt_count: r.delivery.attemptCount,
      next_attempt_at: r.delivery.nextAttemptAt?.toISOString() ?? null,
      last_response_status: r.delivery.lastResponseStatus,
      attempted_at: r.attempt.attemptedAt.toISOString(),
    })),
  );
  await db
    .with(inserted)
    .update(webhookDeliveries)
    .set({
      status: sql`m.status`,
      attemptCount: sql`m.attempt_count`,
      nextAttemptAt: sql`m.next_attempt_at`,
      lastResponseStatus: sql`m.last_response_status`,
      claimedAt: null,
      lastAttemptAt: sql`m.attempted_at`,
      updatedAt: sql`now()`,
    })
    .from(
      sql`jsonb_to_recordset(${moves}::jsonb) as m(id text, tenant_id text, status text, attempt_count integer, next_attempt_at timestamptz, last_response_status integer, attempted_at timestamptz)`,
    )
    .where(
      sql`${webhookDeliveries.id} = m.id and ${webhookDeliveries.tenantId} = m.tenant_id
        and (m.tenant_id, m.id) in (select tenant_id, delivery_id from inserted)`,
    );
}

/** Ends a pending delivery as failed (its endpoint is paused or disabled): nothing more is owed. */
export async function failWebhookDelivery(
  db: Executor,
  scope: TenantScope & { deliveryId: string },
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status: 'failed', nextAttemptAt: null, claimedAt: null })
    .where(scoped(webhookDeliveries, scope, eq(webhookDeliveries.id, scope.deliveryId)));
}

/** Whether any attempt to the endpoint succeeded at or after `since`. */
export async function hasSucceededAttemptSince(
  db: Executor,
  scope: TenantScope & { endpointId: string; since: Date },
): Promise<boolean> {
  const [success] = await db
    .select({ id: webhookDeliveryAttempts.id })
    .from(webhookDeliveryAttempts)
    .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, webhookDeliveryAttempts.deliveryId))
    .where(
      scoped(
        webhookDeliveryAttempts,
        scope,
        eq(webhookDeliveries.endpointId, scope.endpointId),
        eq(webhookDeliveryAttempts.succeeded, true),
        gte(webhookDeliveryAttempts.attemptedAt, scope.since),
      ),
    )
    .limit(1);
  return success !== undefined;
}

/**
 * Disables an enabled endpoint (compare-and-set on `status = 'enabled'`): undefined when it
 * was not enabled any more, so only one caller disables it and mails about it.
 */
export async function disableEnabledWebhookEndpoint(
  db: Executor,
  scope: TenantScope & { endpointId: string; reason: string },
): Promise<WebhookEndpoint | undefined> {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ status: 'disabled', disabledReason: scope.reason })
    .where(
      scoped(
        webhookEndpoints,
        scope,
        eq(webhookEndpoints.id, scope.endpointId),
        eq(webhookEndpoints.status, 'enabled'),
      ),
    )
    .returning();
  return row;
}

/** Makes a delivery pending again from `now` with a new 3-day window; undefined if it is not the tenant's. */
export async function requeueWebhookDelivery(
  db: Executor,
  scope: TenantScope & { deliveryId: string; now: Date },
): Promise<WebhookDelivery | undefined> {
  const [row] = await db
    .update(webhookDeliveries)
    .set({
      status: 'pending',
      nextAttemptAt: scope.now,
      claimedAt: null,
      giveUpAt: new Date(scope.now.getTime() + DELIVERY_RETRY_WINDOW_MS),
    })
    .where(scoped(webhookDeliveries, scope, eq(webhookDeliveries.id, scope.deliveryId)))
    .returning();
  return row;
}

/** Wakes the delivery workers listening on `WEBHOOK_DUE_CHANNEL` (they send what is due now). */
export async function notifyWebhookDeliveriesDue(db: Executor): Promise<void> {
  await db.execute(sql`select pg_notify(${WEBHOOK_DUE_CHANNEL}, '')`);
}
