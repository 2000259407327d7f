import { asc, desc, eq, gte, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
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

export interface ListDashboardOrdersFilter extends TenantScope {
  view?: DashboardOrderView;
  /** An order id (`ord_…`), a reference (`#XXXXXXXX`) or part of the customer's email. */
  search?: string;
  after?: OrderKeyset;
  limit: number;
}

const ORDER_ID = /^ord_[A-Za-z0-9]+$/;
const REFERENCE = /^#?[0-9A-Za-z]{8}$/;
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function searchCondition(search: string): SQL | undefined {
  const text = search.trim();
  if (!text) return undefined;
  if (ORDER_ID.test(text)) return eq(orders.id, text);
  const email = ilike(orders.customerEmail, likePattern(text.toLowerCase()));
  if (REFERENCE.test(text)) {
    return or(eq(orders.reference, `#${text.replace(/^#/, '').toUpperCase()}`), email);
  }
  return email;
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

const keysetAt = sql<string>`to_char(${orders.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * One page of a tenant's orders for the dashboard, newest first, by keyset (created, id): a
 * page deep in the list costs what the first one costs. `next` is where the following page
 * starts, or null on the last page. `provider` is the order's, else its latest attempt's.
 *
 * @example
 * const { rows, next } = await listDashboardOrders(db, { tenantId, view: 'paid', limit: 25 });
 */
export async function listDashboardOrders(
  db: Executor,
  filter: ListDashboardOrdersFilter,
): Promise<{ rows: Array<Order & { provider: string | null }>; next: OrderKeyset | null }> {
  const limit = Math.min(Math.max(filter.limit, 1), 100);
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
