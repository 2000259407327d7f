import { and, asc, desc, eq, gte, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import {
  events,
  fulfillmentLog,
  orders,
  paymentAttempts,
  payments,
  refunds,
  webhookEvents,
} from '../schema';
import type { OrderStatus } from './order-status';
import type { Order } from './orders';
import { scoped, type TenantScope } from './scope';

/** The dashboard's order tabs, as a merchant names them (Stripe's Payments tabs). */
export const DASHBOARD_ORDER_VIEWS = [
  'all',
  'paid',
  'pending',
  'needs_review',
  'refunded',
  'canceled',
] as const;
export type DashboardOrderView = (typeof DASHBOARD_ORDER_VIEWS)[number];

const VIEW_STATUSES: Record<
  Exclude<DashboardOrderView, 'all' | 'needs_review'>,
  readonly OrderStatus[]
> = {
  // money kept: a partly refunded order is still a paid one
  paid: ['PAID', 'FULFILLED', 'PARTIALLY_REFUNDED'],
  pending: ['PENDING', 'FAILED'],
  refunded: ['PARTIALLY_REFUNDED', 'REFUNDED'],
  canceled: ['CANCELED'],
};

/**
 * Where a keyset page starts: the last row of the page before, `createdAt` at the database's
 * own microsecond precision (a JS Date would cut it to milliseconds and repeat or skip rows).
 */
export interface OrderKeyset {
  /** `YYYY-MM-DDTHH:MM:SS.ffffffZ`, as `listDashboardOrders` hands it out. */
  createdAt: string;
  id: string;
}

/** What narrows the dashboard's order list (and its CSV export). Every part is optional. */
export interface DashboardOrderFilters {
  view?: DashboardOrderView | undefined;
  /**
   * An order id (`ord_…`), a reference (`#XXXXXXXX`), or part of the customer's email or name.
   */
  search?: string | undefined;
  /** The provider that took (or was asked to take) the payment, e.g. `stripe`, `sandbox`. */
  provider?: string | undefined;
  /** First calendar day, `YYYY-MM-DD`, in `timeZone` (inclusive). */
  createdFrom?: string | undefined;
  /** Last calendar day, `YYYY-MM-DD`, in `timeZone` (inclusive: the whole day counts). */
  createdTo?: string | undefined;
  /** IANA zone the days are read in (the viewer's); UTC when unset. */
  timeZone?: string | undefined;
}

export interface ListDashboardOrdersFilter extends TenantScope, DashboardOrderFilters {
  after?: OrderKeyset | undefined;
  limit: number;
}

const ORDER_ID = /^ord_[A-Za-z0-9]+$/;
const REFERENCE = /^#?[0-9A-Za-z]{8}$/;
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// the text a contains-search reads; the same expression as the trigram index
// `orders_search_trgm_idx`, so `%text%` is an index lookup, not a scan of the tenant's orders
const searchableText = sql`lower(${orders.customerEmail} || ' ' || coalesce(${orders.customer} ->> 'name', ''))`;

function searchCondition(search: string): SQL | undefined {
  const text = search.trim();
  if (!text) return undefined;
  if (ORDER_ID.test(text)) return eq(orders.id, text);
  const contains = sql`${searchableText} like ${likePattern(text.toLowerCase())}`;
  if (REFERENCE.test(text)) {
    return or(eq(orders.reference, `#${text.replace(/^#/, '').toUpperCase()}`), contains);
  }
  return contains;
}

function viewCondition(view: DashboardOrderView | undefined): SQL | undefined {
  if (!view || view === 'all') return undefined;
  if (view === 'needs_review') return eq(orders.needsReview, true);
  return inArray(orders.status, [...VIEW_STATUSES[view]]);
}

// the order row names its provider only sometimes; its latest checkout attempt always does
// (spelled out: drizzle leaves columns of a one-table select unqualified, which a subquery
// would read as its own)
const providerOf = sql<string | null>`coalesce("orders"."provider", (
  select pa.provider from payment_attempts pa
  where pa.order_id = "orders"."id" and pa.tenant_id = "orders"."tenant_id"
  order by pa.attempt desc limit 1))`;

/**
 * Calendar days in the viewer's zone, turned into instants by Postgres (which knows the
 * zone's offsets and daylight-saving days): from the first day's midnight to the midnight
 * after the last day.
 */
function createdCondition(filter: DashboardOrderFilters): SQL | undefined {
  const zone = filter.timeZone ?? 'UTC';
  return and(
    filter.createdFrom
      ? sql`${orders.createdAt} >= (${filter.createdFrom}::date::timestamp at time zone ${zone})`
      : undefined,
    filter.createdTo
      ? sql`${orders.createdAt} < ((${filter.createdTo}::date + 1)::timestamp at time zone ${zone})`
      : undefined,
  );
}

const keysetAt = sql<string>`to_char(${orders.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export type DashboardOrder = Order & { provider: string | null };

/** One keyset page of any size (the list caps it at 100; the export reads larger batches). */
async function selectOrderPage(
  db: Executor,
  filter: TenantScope & DashboardOrderFilters & { after?: OrderKeyset | undefined },
  limit: number,
): Promise<{ rows: DashboardOrder[]; next: OrderKeyset | null }> {
  const after = filter.after
    ? sql`(${orders.createdAt}, ${orders.id}) < (${filter.after.createdAt}::timestamptz, ${filter.after.id})`
    : undefined;
  const found = await db
    .select({ order: orders, provider: providerOf, keysetAt })
    .from(orders)
    .where(
      scoped(
        orders,
        filter,
        viewCondition(filter.view),
        searchCondition(filter.search ?? ''),
        filter.provider ? sql`${providerOf} = ${filter.provider}` : undefined,
        createdCondition(filter),
        after,
      ),
    )
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(limit + 1);
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({ ...r.order, provider: r.provider })),
    next: found.length > limit && last ? { createdAt: last.keysetAt, id: last.order.id } : null,
  };
}

/**
 * One page of a tenant's orders for the dashboard, newest first, by keyset (created, id): a
 * page deep in the list costs what the first one costs. `next` is where the following page
 * starts, or null on the last page. `provider` is the order's, else its latest attempt's.
 *
 * @example
 * const { rows, next } = await listDashboardOrders(db, { tenantId, view: 'paid', limit: 25 });
 */
export function listDashboardOrders(
  db: Executor,
  filter: ListDashboardOrdersFilter,
): Promise<{ rows: DashboardOrder[]; next: OrderKeyset | null }> {
  return selectOrderPage(db, filter, Math.min(Math.max(filter.limit, 1), 100));
}

/**
 * Every order matching the filters, newest first, in keyset batches of `batchSize`: memory
 * stays one batch however many orders the tenant has (the CSV export streams from it).
 *
 * @example
 * for await (const batch of iterateDashboardOrders(db, { tenantId, view: 'paid' })) write(batch);
 */
export async function* iterateDashboardOrders(
  db: Executor,
  filter: TenantScope & DashboardOrderFilters,
  batchSize = 1000,
): AsyncGenerator<DashboardOrder[]> {
  let after: OrderKeyset | undefined;
  do {
    const { rows, next } = await selectOrderPage(db, { ...filter, after }, batchSize);
    if (rows.length > 0) yield rows;
    after = next ?? undefined;
  } while (after);
}

export type OrderPayment = typeof payments.$inferSelect;
export type OrderPaymentAttempt = typeof paymentAttempts.$inferSelect;
export type OrderRefund = typeof refunds.$inferSelect;
export type OrderEffect = typeof fulfillmentLog.$inferSelect;

/** An order's money: its payment attempts, the payments providers reported, and its refunds. */
export async function listOrderMoney(
  db: Executor,
  scope: TenantScope & { orderId: string },
): Promise<{
  attempts: OrderPaymentAttempt[];
  payments: OrderPayment[];
  refunds: OrderRefund[];
}> {
  const [attempts, paid, refunded] = await Promise.all([
    db
      .select()
      .from(paymentAttempts)
      .where(scoped(paymentAttempts, scope, eq(paymentAttempts.orderId, scope.orderId)))
      .orderBy(asc(paymentAttempts.attempt)),
    db
      .select()
      .from(payments)
      .where(scoped(payments, scope, eq(payments.orderId, scope.orderId)))
      .orderBy(asc(payments.createdAt), asc(payments.id)),
    db
      .select()
      .from(refunds)
      .where(scoped(refunds, scope, eq(refunds.orderId, scope.orderId)))
      .orderBy(asc(refunds.createdAt), asc(refunds.id)),
  ]);
  return { attempts, payments: paid, refunds: refunded };
}

export interface OrderHistory {
  /** Merchant events about the order (`order.*`, and `checkout.expired` naming it). */
  events: Array<{ id: string; type: string; createdAt: Date }>;
  /** Each effect applied to the order once (mails, stock, fulfilment, review flags). */
  effects: OrderEffect[];
  /** Provider webhooks whose normalized events name the order. */
  providerEvents: Array<{
    id: string;
    provider: string;
    eventId: string;
    type: string;
    receivedAt: Date;
    error: string | null;
  }>;
}

/** How many rows of each kind an order's history shows; an order has a handful, never more. */
const HISTORY_LIMIT = 200;

/**
 * Everything that happened to an order, from the three places it is written: merchant events,
 * the order's effect log and the provider webhooks stored for it. Rows older than the order
 * cannot be about it, which keeps the scans of events and webhooks to the order's lifetime.
 */
export async function listOrderHistory(
  db: Executor,
  scope: TenantScope & { order: Pick<Order, 'id' | 'createdAt'> },
): Promise<OrderHistory> {
  const { order } = scope;
  const [merchantEvents, effects, providerEvents] = await Promise.all([
    db
      .select({ id: events.id, type: events.type, createdAt: events.createdAt })
      .from(events)
      .where(
        scoped(
          events,
          scope,
          gte(events.createdAt, order.createdAt),
          or(
            sql`${events.data} -> 'object' ->> 'id' = ${order.id}`,
            sql`${events.data} -> 'object' ->> 'orderId' = ${order.id}`,
          ),
        ),
      )
      .orderBy(asc(events.createdAt), asc(events.id))
      .limit(HISTORY_LIMIT),
    db
      .select()
      .from(fulfillmentLog)
      .where(scoped(fulfillmentLog, scope, eq(fulfillmentLog.orderId, order.id)))
      .orderBy(asc(fulfillmentLog.createdAt), asc(fulfillmentLog.id))
      .limit(HISTORY_LIMIT),
    db
      .select({
        id: webhookEvents.id,
        provider: webhookEvents.provider,
        eventId: webhookEvents.eventId,
        type: webhookEvents.type,
        receivedAt: webhookEvents.receivedAt,
        error: webhookEvents.error,
      })
      .from(webhookEvents)
      .where(
        scoped(
          webhookEvents,
          scope,
          gte(webhookEvents.receivedAt, order.createdAt),
          sql`${webhookEvents.normalized} @> ${JSON.stringify([{ orderId: order.id }])}::jsonb`,
        ),
      )
      .orderBy(asc(webhookEvents.receivedAt), asc(webhookEvents.id))
      .limit(HISTORY_LIMIT),
  ]);
  return {
    events: merchantEvents,
    effects,
    providerEvents,
  };
}

/**
 * How many of an order's effects start with `prefix` (e.g. `mail:order_confirmation`) and
 * when the latest was logged: what a rate limit on repeating an effect reads.
 *
 * @example
 * const { count, lastAt } = await countOrderEffects(tx, { tenantId, orderId, prefix: 'mail:order_confirmation' });
 */
export async function countOrderEffects(
  db: Executor,
  scope: TenantScope & { orderId: string; prefix: string },
): Promise<{ count: number; lastAt: Date | null }> {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      lastAt: sql<Date | null>`max(${fulfillmentLog.createdAt})`.mapWith(
        (value: string | Date | null) => (value === null ? null : new Date(value)),
      ),
    })
    .from(fulfillmentLog)
    .where(
      scoped(
        fulfillmentLog,
        scope,
        eq(fulfillmentLog.orderId, scope.orderId),
        sql`starts_with(${fulfillmentLog.event}, ${scope.prefix})`,
      ),
    );
  return { count: row?.count ?? 0, lastAt: row?.lastAt ?? null };
}
