import { newId } from '@prood/validators';
import { eq, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { reusable, setPlaceholder } from '../reusable';
import { webhookEvents, webhookRejections } from '../schema';
import { scoped, scopedStatement, type TenantScope } from './scope';

export type WebhookEvent = typeof webhookEvents.$inferSelect;
export type WebhookRejection = typeof webhookRejections.$inferSelect;

/** Bodies up to this size are kept for the merchant's event log; larger ones only by size. */
export const MAX_STORED_PAYLOAD_BYTES = 64 * 1024;

/** How long refused deliveries are kept before the cleanup sweep deletes them. */
export const WEBHOOK_REJECTION_RETENTION_DAYS = 30;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** The body to keep (text, at most 64 KiB, else null) and its size in bytes. */
export function storablePayload(raw: Uint8Array | string | undefined): {
  payload: string | null;
  payloadBytes: number | null;
} {
  if (raw === undefined) return { payload: null, payloadBytes: null };
  const bytes = typeof raw === 'string' ? encoder.encode(raw) : raw;
  if (bytes.byteLength > MAX_STORED_PAYLOAD_BYTES) {
    return { payload: null, payloadBytes: bytes.byteLength };
  }
  // Postgres text cannot hold NUL; a provider never sends one in JSON
  const text = typeof raw === 'string' ? raw : decoder.decode(bytes);
  return { payload: text.replaceAll('\u0000', '\uFFFD'), payloadBytes: bytes.byteLength };
}

export interface RecordWebhookEventInput extends TenantScope {
  provider: string;
  eventId: string;
  type: string;
  normalized?: unknown[];
  /** Set when the caller applies the event in the same transaction (saves an UPDATE). */
  handledAt?: Date;
  /** The verified raw body, for the merchant's event log; omitted for look-ups (confirm, reconcile). */
  rawBody?: Uint8Array | string;
}

/** The columns of a provider event's first row. */
function newEventRow(input: Omit<RecordWebhookEventInput, 'handledAt'>) {
  return {
    id: newId('event'),
    tenantId: input.tenantId,
    provider: input.provider,
    eventId: input.eventId,
    type: input.type,
    normalized: input.normalized ?? [],
    ...storablePayload(input.rawBody),
  };
}

/**
 * Records a provider event once, in one statement. Returns `apply: true` when the caller must
 * apply it: a new event, or one whose earlier attempt failed and rolled back. A redelivery of an
 * applied event bumps its duplicate counter and last-received time instead (`apply: false`) —
 * the caller then acknowledges and stops. Concurrent deliveries of one event wait on its row.
 */
export async function recordWebhookEvent(
  db: Executor,
  input: RecordWebhookEventInput,
): Promise<{ id: string; apply: boolean }> {
  // built once per process: this runs for every webhook
  const [row] = await reusable(
    db,
    'webhook-events.record',
    (d) =>
      d
        .insert(webhookEvents)
        .values({
          id: sql.placeholder('id'),
          tenantId: sql.placeholder('tenantId'),
          provider: sql.placeholder('provider'),
          eventId: sql.placeholder('eventId'),
          type: sql.placeholder('type'),
          normalized: sql.placeholder('normalized'),
          payload: sql.placeholder('payload'),
          payloadBytes: sql.placeholder('payloadBytes'),
          handledAt: sql.placeholder('handledAt'),
        })
        .onConflictDoUpdate({
          target: [webhookEvents.tenantId, webhookEvents.provider, webhookEvents.eventId],
          set: {
            // a retry after a failed attempt is not a duplicate: nothing was applied yet
            duplicates: sql`${webhookEvents.duplicates} + (${webhookEvents.handledAt} is not null)::int`,
            lastReceivedAt: sql`now()`,
          },
        })
        .returning({
          id: webhookEvents.id,
          inserted: sql<boolean>`(xmax = 0)`,
          handledAt: webhookEvents.handledAt,
        }),
    { ...newEventRow(input), handledAt: input.handledAt ?? null },
  );
  if (!row) throw new Error('unreachable: upsert returned no row');
  return { id: row.id, apply: row.inserted || row.handledAt === null };
}

/** Stores what applying the event did, and marks it handled (same transaction as the effects). */
export async function markWebhookEventApplied(
  db: Executor,
  input: TenantScope & { id: string; effects: unknown[]; handledAt: Date },
): Promise<void> {
  await reusable(
    db,
    'webhook-events.mark-applied',
    (d) =>
      d
        .update(webhookEvents)
        .set({
          effects: setPlaceholder<unknown[]>('effects'),
          handledAt: setPlaceholder<Date>('handledAt'),
          error: null,
        })
        .where(scopedStatement(webhookEvents, eq(webhookEvents.id, sql.placeholder('id')))),
    { effects: input.effects, handledAt: input.handledAt, tenantId: input.tenantId, id: input.id },
  );
}

/**
 * Notes that applying a verified event failed (its transaction rolled back, the provider will
 * retry): the row shows the error until a retry applies it. Never touches an applied event.
 */
export async function recordWebhookEventFailure(
  db: Executor,
  input: Omit<RecordWebhookEventInput, 'handledAt'> & { error: string },
): Promise<void> {
  const error = input.error.slice(0, 500);
  await db
    .insert(webhookEvents)
    .values({ ...newEventRow(input), error })
    .onConflictDoUpdate({
      target: [webhookEvents.tenantId, webhookEvents.provider, webhookEvents.eventId],
      set: { error, lastReceivedAt: sql`now()` },
      setWhere: isNull(webhookEvents.handledAt),
    });
}

export interface RecordWebhookRejectionInput extends TenantScope {
  provider: string;
  /** The refusal's code, e.g. `webhook_signature_invalid`. */
  reason: string;
  source: 'checkout' | 'api';
  /** Size of the refused body in bytes (the body itself is never stored). */
  bytes: number;
}

/**
 * Counts a refused delivery in its tenant's row for this provider, reason and minute (one
 * statement). A tenant id that names no organization stores nothing: nobody could read it.
 */
export async function recordWebhookRejection(
  db: Executor,
  input: RecordWebhookRejectionInput,
): Promise<void> {
  const bytes = Math.max(0, Math.min(Math.trunc(input.bytes) || 0, 2_147_483_647));
  await db.execute(sql`
    insert into ${webhookRejections} (id, tenant_id, provider, reason, source, window_start, max_bytes)
    select ${newId('webhookRejection')}, o.id, ${input.provider}, ${input.reason.slice(0, 100)},
      ${input.source}, date_trunc('minute', now()), ${bytes}
    from organizations o where o.id = ${input.tenantId}
    on conflict (tenant_id, provider, reason, source, window_start) do update set
      count = ${webhookRejections}.count + 1,
      last_at = now(),
      max_bytes = greatest(${webhookRejections}.max_bytes, excluded.max_bytes)`);
}

/** Deletes refused-delivery rows last seen before `olderThan` (all tenants; the cleanup sweep). */
export async function pruneWebhookRejections(
  db: Executor,
  input: { olderThan: Date },
): Promise<number> {
  const deleted = await db
    .delete(webhookRejections)
    .where(lt(webhookRejections.lastAt, input.olderThan))
    .returning({ id: webhookRejections.id });
  return deleted.length;
}

export const PROVIDER_EVENT_RESULTS = ['applied', 'duplicate', 'failed', 'rejected'] as const;
export type ProviderEventResult = (typeof PROVIDER_EVENT_RESULTS)[number];

/** One row of the provider event log: a stored event, or a minute of refused deliveries. */
export type ProviderEventLogEntry =
  | {
      kind: 'event';
      id: string;
      at: Date;
      provider: string;
      type: string;
      eventId: string;
      duplicates: number;
      lastReceivedAt: Date | null;
      handledAt: Date | null;
      error: string | null;
      /** The order its first effect touched (else its first normalized event named). */
      orderId: string | null;
      /** Outcomes of its effects, e.g. `paid`, `ignored`. */
      outcomes: string[];
    }
  | {
      kind: 'rejection';
      id: string;
      at: Date;
      provider: string;
      reason: string;
      source: 'checkout' | 'api';
      count: number;
      firstAt: Date;
      maxBytes: number;
    };

interface LogRow extends Record<string, unknown> {
  kind: 'event' | 'rejection';
  id: string;
  at: string | Date;
  provider: string;
  type: string | null;
  event_id: string | null;
  duplicates: number;
  last_received_at: string | Date | null;
  handled_at: string | Date | null;
  error: string | null;
  order_id: string | null;
  outcomes: string[] | null;
  reason: string | null;
  source: 'checkout' | 'api' | null;
  count: number;
  first_at: string | Date | null;
  max_bytes: number;
}

const toDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));
const toDateOrNull = (v: string | Date | null) => (v === null ? null : toDate(v));

/**
 * The tenant's provider event log, newest first: stored events and refused deliveries in one
 * keyset-paged list (`startingAfter` = the last id of the previous page). `type` keeps events
 * of that provider type (refusals have none); `result` keeps one outcome.
 *
 * @example
 * await listProviderEvents(db, { tenantId, result: 'duplicate', limit: 25 });
 */
export async function listProviderEvents(
  db: Executor,
  input: TenantScope & {
    type?: string | undefined;
    result?: ProviderEventResult | undefined;
    startingAfter?: string | undefined;
    limit: number;
  },
): Promise<{ data: ProviderEventLogEntry[]; hasMore: boolean }> {
  if (!input.tenantId) throw new Error('tenantId is required for a tenant-scoped query');
  const t = input.tenantId;
  const wantEvents = input.result !== 'rejected';
  const wantRejections = (input.result === undefined || input.result === 'rejected') && !input.type;
  const eventFilter = sql.join(
    [
      sql`e.tenant_id = ${t}`,
      input.type ? sql`e.type = ${input.type}` : undefined,
      input.result === 'applied' ? sql`e.handled_at is not null` : undefined,
      input.result === 'duplicate' ? sql`e.duplicates > 0` : undefined,
      input.result === 'failed' ? sql`e.handled_at is null` : undefined,
    ].filter((p) => p !== undefined),
    sql` and `,
  );
  const events = sql`
    select 'event' as kind, e.id, e.received_at as at, e.provider, e.type, e.event_id,
      e.duplicates, e.last_received_at, e.handled_at, e.error,
      coalesce(e.effects -> 0 ->> 'orderId', e.normalized -> 0 ->> 'orderId') as order_id,
      (select coalesce(array_agg(x ->> 'outcome'), '{}') from jsonb_array_elements(coalesce(e.effects, '[]'::jsonb)) x) as outcomes,
      null as reason, null as source, 0 as count, null::timestamptz as first_at, 0 as max_bytes
    from webhook_events e where ${eventFilter}`;
  const rejections = sql`
    select 'rejection' as kind, r.id, r.last_at as at, r.provider, null as type, null as event_id,
      0 as duplicates, null::timestamptz as last_received_at, null::timestamptz as handled_at,
      null as error, null as order_id, null::text[] as outcomes, r.reason, r.source, r.count,
      r.first_at, r.max_bytes
    from webhook_rejections r where r.tenant_id = ${t}`;
  const union =
    wantEvents && wantRejections
      ? sql`${events} union all ${rejections}`
      : wantEvents
        ? events
        : rejections;
  // the cursor's position, found in whichever table holds it (within the tenant)
  const after = input.startingAfter
    ? sql`where (l.at, l.id) < (select c.at, c.id from (
        select received_at as at, id from webhook_events where tenant_id = ${t} and id = ${input.startingAfter}
        union all
        select last_at as at, id from webhook_rejections where tenant_id = ${t} and id = ${input.startingAfter}
      ) c limit 1)`
    : sql``;
  const rows = (await db.execute<LogRow>(sql`
    select * from (${union}) l ${after}
    order by l.at desc, l.id desc
    limit ${input.limit + 1}`)) as unknown as LogRow[];
  const data = rows.slice(0, input.limit).map(
    (r): ProviderEventLogEntry =>
      r.kind === 'event'
        ? {
            kind: 'event',
            id: r.id,
            at: toDate(r.at),
            provider: r.provider,
            type: r.type ?? '',
            eventId: r.event_id ?? '',
            duplicates: Number(r.duplicates),
            lastReceivedAt: toDateOrNull(r.last_received_at),
            handledAt: toDateOrNull(r.handled_at),
            error: r.error,
            orderId: r.order_id,
            outcomes: (r.outcomes ?? []).filter((o): o is string => typeof o === 'string'),
          }
        : {
            kind: 'rejection',
            id: r.id,
            at: toDate(r.at),
            provider: r.provider,
            reason: r.reason ?? '',
            source: r.source ?? 'api',
            count: Number(r.count),
            firstAt: toDate(r.first_at ?? r.at),
            maxBytes: Number(r.max_bytes),
          },
  );
  return { data, hasMore: rows.length > input.limit };
}

/** One stored provider event of the tenant, with its payload and effects; undefined if not its. */
export async function getProviderEvent(
  db: Executor,
  input: TenantScope & { id: string },
): Promise<WebhookEvent | undefined> {
  const [row] = await db
    .select()
    .from(webhookEvents)
    .where(scoped(webhookEvents, input, eq(webhookEvents.id, input.id)))
    .limit(1);
  return row;
}

/** The provider event types the tenant has received, for the log's filter. */
export async function listProviderEventTypes(db: Executor, input: TenantScope): Promise<string[]> {
  const rows = await db
    .selectDistinct({ type: webhookEvents.type })
    .from(webhookEvents)
    .where(scoped(webhookEvents, input))
    .orderBy(webhookEvents.type)
    .limit(200);
  return rows.map((r) => r.type);
}
