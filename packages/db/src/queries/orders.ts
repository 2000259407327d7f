import { newId } from '@prood/validators';
import { and, desc, eq, gte, inArray, lt, notExists, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { placeholderRows, reusable, setPlaceholder } from '../reusable';
import {
  coupons,
  fulfillmentLog,
  orderItems,
  orders,
  organizations,
  payments,
  refunds,
} from '../schema';
import { assertOrderTransition, type OrderStatus, UNPAID_STATUSES } from './order-status';
import { scoped, scopedStatement, type TenantScope } from './scope';

export type Order = typeof orders.$inferSelect;
export type OrderItem = typeof orderItems.$inferSelect;
/** A new order's columns besides its tenant (the caller has drawn its id and reference). */
export type NewOrder = Omit<typeof orders.$inferInsert, 'tenantId'>;
/** A new order line's columns besides its id and tenant. */
export type NewOrderItem = Omit<typeof orderItems.$inferInsert, 'id' | 'tenantId'>;

/** The prices an order's lines name (a line without a product, an invoice link's, names none). */
export function priceIdsOf(items: readonly Pick<OrderItem, 'priceId'>[]): string[] {
  return items.flatMap((item) => (item.priceId ? [item.priceId] : []));
}

const REFERENCE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A fresh `#XXXXXXXX` order reference (36^8 ≈ 2.8 × 10^12 values); uniqueness is the DB's job. */
export function newOrderReference(): string {
  let out = '#';
  while (out.length < 9) {
    for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
      if (byte < 252) out += REFERENCE_ALPHABET[byte % 36];
      if (out.length === 9) break;
    }
  }
  return out;
}

export async function getOrder(
  db: Executor,
  scope: TenantScope & { orderId: string },
): Promise<Order | undefined> {
  const [row] = await reusable(
    db,
    'orders.get',
    (d) =>
      d
        .select()
        .from(orders)
        .where(scopedStatement(orders, eq(orders.id, sql.placeholder('orderId'))))
        .limit(1),
    { tenantId: scope.tenantId, orderId: scope.orderId },
  );
  return row;
}

/**
 * The order a checkout session was opened for, found by the session id alone: the id is
 * unguessable and is all a shopper's URL carries. Used once the session itself has expired
 * out of the store, so the page can still name the merchant and offer to start again.
 */
export async function findOrderByCheckoutSessionId(
  db: Executor,
  { checkoutSessionId }: { checkoutSessionId: string },
): Promise<{ id: string; tenantId: string } | undefined> {
  const [row] = await db
    .select({ id: orders.id, tenantId: orders.tenantId })
    .from(orders)
    .where(eq(orders.checkoutSessionId, checkoutSessionId))
    .limit(1);
  return row;
}

export async function getOrderByReference(
  db: Executor,
  scope: TenantScope & { reference: string },
): Promise<Order | undefined> {
  const [row] = await db
    .select()
    .from(orders)
    .where(scoped(orders, scope, eq(orders.reference, scope.reference)))
    .limit(1);
  return row;
}

export interface ListOrdersFilter extends TenantScope {
  status?: OrderStatus[];
  createdFrom?: Date;
  createdBefore?: Date;
  /** Only orders that still await payment (PENDING or FAILED). */
  unpaid?: boolean;
  limit?: number;
}

export async function listOrders(db: Executor, filter: ListOrdersFilter): Promise<Order[]> {
  const conditions: Array<SQL | undefined> = [
    filter.status?.length ? inArray(orders.status, filter.status) : undefined,
    filter.unpaid ? inArray(orders.status, [...UNPAID_STATUSES]) : undefined,
    filter.createdFrom ? gte(orders.createdAt, filter.createdFrom) : undefined,
    filter.createdBefore ? lt(orders.createdAt, filter.createdBefore) : undefined,
  ];
  return db
    .select()
    .from(orders)
    .where(scoped(orders, filter, ...conditions))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(Math.min(filter.limit ?? 50, 200));
}

export async function listOrderItems(
  db: Executor,
  scope: TenantScope & { orderId: string },
): Promise<OrderItem[]> {
  return reusable(
    db,
    'order-items.of-order',
    (d) =>
      d
        .select()
        .from(orderItems)
        .where(scopedStatement(orderItems, eq(orderItems.orderId, sql.placeholder('orderId'))))
        .orderBy(orderItems.createdAt, orderItems.id),
    { tenantId: scope.tenantId, orderId: scope.orderId },
  );
}

/** The lines of several orders of the tenant, in no particular order. */
export async function listItemsOfOrders(
  db: Executor,
  scope: TenantScope & { orderIds: string[] },
): Promise<OrderItem[]> {
  return db
    .select()
    .from(orderItems)
    .where(scoped(orderItems, scope, inArray(orderItems.orderId, scope.orderIds)));
}

/** Inserts an order; undefined when its reference is already taken in the tenant (nothing written). */
export async function insertOrder(
  db: Executor,
  scope: TenantScope & { order: NewOrder },
): Promise<Order | undefined> {
  // a reference already taken in the tenant writes nothing and answers undefined: the caller
  // draws another, with no savepoint (an aborted statement would end the whole transaction)
  if (!scope.tenantId) throw new Error('tenantId is required for a tenant-scoped query');
  const row = { ...scope.order, tenantId: scope.tenantId };
  const shaped = placeholderRows([row]);
  if (!shaped?.placeholders[0]) throw new Error('unreachable: one row has one shape');
  const placeholders = shaped.placeholders[0];
  const [inserted] = await reusable(
    db,
    `orders.insert:${shaped.shape}`,
    (d) =>
      d
        .insert(orders)
        .values(placeholders)
        .onConflictDoNothing({ target: [orders.tenantId, orders.reference] })
        .returning(),
    shaped.values,
  );
  return inserted;
}

export async function insertOrderItems(
  db: Executor,
  scope: TenantScope & { items: NewOrderItem[] },
): Promise<OrderItem[]> {
  if (!scope.tenantId) throw new Error('tenantId is required for a tenant-scoped query');
  const rows = scope.items.map((item) => ({
    ...item,
    id: newId('orderItem'),
    tenantId: scope.tenantId,
  }));
  const shaped = placeholderRows(rows);
  // an order's lines all give the same columns; anything else is built the usual way
  if (!shaped) return db.insert(orderItems).values(rows).returning();
  return reusable(
    db,
    `order-items.insert:${shaped.shape}`,
    (d) => d.insert(orderItems).values(shaped.placeholders).returning(),
    shaped.values,
  );
}

/**
 * The tenant an order belongs to, found by its id alone: for a caller that holds proof of the
 * order (a signed recovery link) but no tenant yet.
 */
export async function findOrderTenantId(
  db: Executor,
  { orderId }: { orderId: string },
): Promise<string | undefined> {
  const [row] = await db
    .select({ tenantId: orders.tenantId })
    .from(orders)
    .where(eq(orders.id, orderId));
  return row?.tenantId;
}

/**
 * Compare-and-set of an unpaid order's attempt counter from `attempt - 1` to `attempt`: the
 * order's status when it moved, `undefined` when another writer moved it first or it is paid.
 */
export async function advanceOrderAttempt(
  db: Executor,
  scope: TenantScope & { orderId: string; attempt: number },
): Promise<OrderStatus | undefined> {
  const bumped = await reusable(
    db,
    'orders.advance-attempt',
    (d) =>
      d
        .update(orders)
        .set({ attempt: setPlaceholder<number>('attempt'), updatedAt: sql`now()` })
        .where(
          scopedStatement(
            orders,
            eq(orders.id, sql.placeholder('orderId')),
            eq(orders.attempt, sql.placeholder('previousAttempt')),
            inArray(orders.status, [...UNPAID_STATUSES]),
          ),
        )
        .returning({ status: orders.status }),
    {
      attempt: scope.attempt,
      previousAttempt: scope.attempt - 1,
      tenantId: scope.tenantId,
      orderId: scope.orderId,
    },
  );
  return bumped[0]?.status;
}

/** Records the checkout session of the order's attempt `attempt` (no-op once superseded). */
export async function setOrderCheckoutSession(
  db: Executor,
  scope: TenantScope & {
    orderId: string;
    attempt: number;
    checkoutSessionId: string;
    provider: string | null;
  },
): Promise<void> {
  await reusable(
    db,
    'orders.set-checkout-session',
    (d) =>
      d
        .update(orders)
        .set({
          checkoutSessionId: setPlaceholder<string>('checkoutSessionId'),
          provider: setPlaceholder<string | null>('provider'),
          updatedAt: sql`now()`,
        })
        .where(
          scopedStatement(
            orders,
            eq(orders.id, sql.placeholder('orderId')),
            eq(orders.attempt, sql.placeholder('attempt')),
          ),
        ),
    {
      checkoutSessionId: scope.checkoutSessionId,
      provider: scope.provider,
      tenantId: scope.tenantId,
      orderId: scope.orderId,
      attempt: scope.attempt,
    },
  );
}

/**
 * Compare-and-swap on an order's status, the only writer of it: moves it to `to` only if it is
 * currently in one of `from`. Every `from → to` must be in `ORDER_TRANSITIONS`, else it throws
 * `OrderTransitionError` before touching the database. Returns the updated row, or undefined
 * when another writer got there first.
 *
 * @example
 * await transitionOrderStatus(tx, { tenantId, orderId, from: ['PENDING', 'FAILED'], to: 'CANCELED' });
 */
export async function transitionOrderStatus(
  db: Executor,
  scope: TenantScope & {
    orderId: string;
    from: readonly OrderStatus[];
    to: OrderStatus;
    set?: Partial<Omit<Order, 'id' | 'tenantId' | 'status'>>;
  },
): Promise<Order | undefined> {
  assertOrderTransition(scope.from, scope.to);
  // one statement per shape (columns set, statuses moved from), built once per process
  const set = Object.fromEntries(
    Object.entries(scope.set ?? {}).filter(([, value]) => value !== undefined),
  );
  const columns = Object.keys(set).sort();
  const [row] = await reusable(
    db,
    `orders.transition:${columns.join(',')}:${scope.from.join(',')}`,
    (d) =>
      d
        .update(orders)
        .set({
          ...(Object.fromEntries(
            columns.map((column) => [column, sql.placeholder(`set.${column}`)]),
          ) as Record<string, never>),
          status: setPlaceholder<OrderStatus>('to'),
          // drizzle would fill `updatedAt` from its $onUpdate once, when building; the database
          // clock stamps each run instead
          ...(columns.includes('updatedAt') ? {} : { updatedAt: sql`now()` }),
        })
        .where(
          scopedStatement(
            orders,
            and(eq(orders.id, sql.placeholder('orderId')), inArray(orders.status, [...scope.from])),
          ),
        )
        .returning(),
    {
      ...Object.fromEntries(columns.map((column) => [`set.${column}`, set[column]])),
      to: scope.to,
      tenantId: scope.tenantId,
      orderId: scope.orderId,
    },
  );
  return row;
}

/**
 * Unpaid orders (PENDING or FAILED, nothing paid, no payment processing or succeeded) older
 * than their tenant's `unpaidOrderLifetimeSeconds` at `now`. A sweep over all tenants unless
 * `tenantId` is given.
 */
export async function listExpiredUnpaidOrders(
  db: Executor,
  filter: { now: Date; limit: number; tenantId?: string },
): Promise<Array<{ id: string; tenantId: string }>> {
  return db
    .select({ id: orders.id, tenantId: orders.tenantId })
    .from(orders)
    .innerJoin(organizations, eq(organizations.id, orders.tenantId))
    .where(
      and(
        filter.tenantId ? eq(orders.tenantId, filter.tenantId) : undefined,
        inArray(orders.status, [...UNPAID_STATUSES]),
        eq(orders.amountPaid, 0),
        lt(
          orders.createdAt,
          sql`${filter.now.toISOString()}::timestamptz - make_interval(secs => ${organizations.unpaidOrderLifetimeSeconds})`,
        ),
        notExists(
          db
            .select({ one: sql`1` })
            .from(payments)
            .where(
              and(
                eq(payments.orderId, orders.id),
                inArray(payments.status, ['processing', 'succeeded']),
              ),
            ),
        ),
      ),
    )
    .limit(filter.limit);
}

/** Reads an order and locks its row until the transaction ends: every writer of an order queues here. */
export async function lockOrder(
  tx: Executor,
  scope: TenantScope & { orderId: string },
): Promise<Order | undefined> {
  const [row] = await reusable(
    tx,
    'orders.lock',
    (d) =>
      d
        .select()
        .from(orders)
        .where(scopedStatement(orders, eq(orders.id, sql.placeholder('orderId'))))
        .for('update'),
    { tenantId: scope.tenantId, orderId: scope.orderId },
  );
  return row;
}

/**
 * The id of the tenant's order a provider event is about: by our order id (metadata), else by
 * our checkout session id, else by a payment we already recorded.
 */
export async function findOrderIdForEvent(
  db: Executor,
  scope: TenantScope & {
    orderId?: string | undefined;
    checkoutSessionId?: string | undefined;
    providerPaymentId?: string | undefined;
    provider: string;
  },
): Promise<string | undefined> {
  if (scope.orderId) {
    const [row] = await db
      .select({ id: orders.id })
      .from(orders)
      .where(scoped(orders, scope, eq(orders.id, scope.orderId)))
      .limit(1);
    if (row) return row.id;
  }
  if (scope.checkoutSessionId) {
    const [row] = await db
      .select({ id: orders.id })
      .from(orders)
      .where(scoped(orders, scope, eq(orders.checkoutSessionId, scope.checkoutSessionId)))
      .limit(1);
    if (row) return row.id;
  }
  if (scope.providerPaymentId) {
    const [row] = await db
      .select({ id: payments.orderId })
      .from(payments)
      .where(
        scoped(
          payments,
          scope,
          eq(payments.provider, scope.provider),
          eq(payments.providerPaymentId, scope.providerPaymentId),
        ),
      )
      .limit(1);
    if (row) return row.id;
  }
  return undefined;
}

/**
 * Writes one fulfilment-log row. `UNIQUE(order_id, event)` makes it the once-only guard of an
 * effect: returns false when the effect was already logged.
 */
export async function insertFulfilmentLog(
  tx: Executor,
  scope: TenantScope & { orderId: string; event: string; details?: Record<string, unknown> },
): Promise<boolean> {
  if (!scope.tenantId) throw new Error('tenantId is required for a tenant-scoped query');
  const rows = await reusable(
    tx,
    'fulfillment-log.insert',
    (d) =>
      d
        .insert(fulfillmentLog)
        .values({
          id: sql.placeholder('id'),
          tenantId: sql.placeholder('tenantId'),
          orderId: sql.placeholder('orderId'),
          event: sql.placeholder('event'),
          details: sql.placeholder('details'),
        })
        .onConflictDoNothing({ target: [fulfillmentLog.orderId, fulfillmentLog.event] })
        .returning({ id: fulfillmentLog.id }),
    {
      id: newId('fulfillment'),
      tenantId: scope.tenantId,
      orderId: scope.orderId,
      event: scope.event,
      details: scope.details ?? {},
    },
  );
  return rows.length > 0;
}

/** The code of one of the tenant's coupons. */
export async function getCouponCode(
  db: Executor,
  scope: TenantScope & { couponId: string },
): Promise<string | null> {
  const [row] = await db
    .select({ code: coupons.code })
    .from(coupons)
    .where(scoped(coupons, scope, eq(coupons.id, scope.couponId)))
    .limit(1);
  return row?.code ?? null;
}

/**
 * Counts one use of a coupon, never beyond its maximum (compare-and-set in the statement):
 * false when it ran out meanwhile.
 */
export async function incrementCouponUse(
  tx: Executor,
  scope: TenantScope & { couponId: string },
): Promise<boolean> {
  const rows = await tx
    .update(coupons)
    .set({ timesUsed: sql`${coupons.timesUsed} + 1` })
    .where(
      scoped(
        coupons,
        scope,
        eq(coupons.id, scope.couponId),
        sql`(${coupons.maxUses} IS NULL OR ${coupons.timesUsed} < ${coupons.maxUses})`,
      ),
    )
    .returning({ id: coupons.id });
  return rows.length > 0;
}

/** Sum of an order's succeeded refund rows (ours and those reported by the provider). */
export async function sumSucceededRefunds(
  tx: Executor,
  scope: TenantScope & { orderId: string },
): Promise<number> {
  const [row] = await reusable(
    tx,
    'refunds.succeeded-sum',
    (d) =>
      d
        .select({ total: sql<string>`coalesce(sum(${refunds.amount}), 0)` })
        .from(refunds)
        .where(
          scopedStatement(
            refunds,
            eq(refunds.orderId, sql.placeholder('orderId')),
            eq(refunds.status, 'succeeded'),
          ),
        ),
    { tenantId: scope.tenantId, orderId: scope.orderId },
  );
  return Number(row?.total ?? 0);
}

/** Sets an order's review flag and reason; `undefined` when the tenant has no such order. */
export async function flagOrderForReview(
  tx: Executor,
  scope: TenantScope & { orderId: string; reason: string },
): Promise<Order | undefined> {
  const [row] = await tx
    .update(orders)
    .set({ needsReview: true, reviewReason: scope.reason })
    .where(scoped(orders, scope, eq(orders.id, scope.orderId)))
    .returning();
  return row;
}

/** Sets one line's quantity and priced amounts (the caller holds the order's lock). */
export async function updateOrderItemPricing(
  tx: Executor,
  scope: TenantScope & { itemId: string },
  set: Pick<
    OrderItem,
    | 'quantity'
    | 'lineSubtotal'
    | 'lineDiscount'
    | 'lineTax'
    | 'lineTotal'
    | 'taxRateBps'
    | 'taxInclusive'
  >,
): Promise<void> {
  await tx
    .update(orderItems)
    .set(set)
    .where(scoped(orderItems, scope, eq(orderItems.id, scope.itemId)));
}

/**
 * Updates an order only while its status is one of `statuses` (compare-and-set in the
 * statement): undefined when it moved on meanwhile.
 */
export async function updateOrderInStatus(
  tx: Executor,
  scope: TenantScope & { orderId: string; statuses: readonly OrderStatus[] },
  set: Partial<Omit<Order, 'id' | 'tenantId' | 'status' | 'createdAt'>>,
): Promise<Order | undefined> {
  const [row] = await tx
    .update(orders)
    .set(set)
    .where(
      scoped(
        orders,
        scope,
        and(eq(orders.id, scope.orderId), inArray(orders.status, [...scope.statuses])),
      ),
    )
    .returning();
  return row;
}
