import { countDistinct, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../client';
import { fulfillmentLog, orders, paymentAttempts, refunds } from '../schema';
import { scoped, type TenantScope } from './scope';

/** The UTC day of a timestamp column as `YYYY-MM-DD`. */
const utcDay = (column: PgColumn) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`;

/** One UTC day of paid orders in one currency. Amounts in minor units. */
export interface SalesDay {
  /** `YYYY-MM-DD`, the UTC day the order was paid. */
  day: string;
  currency: string;
  /** What shoppers paid (captured) for the orders paid that day. */
  gross: number;
  /** What has been refunded of those orders so far (whenever it was refunded). */
  refunded: number;
  orders: number;
}

export interface SalesRange extends TenantScope {
  /** Inclusive start. */
  from: Date;
  /** Exclusive end. */
  to: Date;
}

/**
 * Paid orders per UTC day and currency in `[from, to)`: gross, refunded, count. Every order
 * that was paid counts, also one paid after it was canceled (it is refunded or reviewed).
 *
 * @example
 * await salesByDay(db, { tenantId, from: new Date('2026-11-01'), to: new Date('2026-12-01') });
 */
export async function salesByDay(db: Executor, range: SalesRange): Promise<SalesDay[]> {
  const day = utcDay(orders.paidAt);
  const rows = await db
    .select({
      day,
      currency: orders.currency,
      gross: sql<string>`sum(${orders.amountPaid})`,
      refunded: sql<string>`sum(${orders.amountRefunded})`,
      orders: sql<number>`count(*)::int`,
    })
    .from(orders)
    .where(
      scoped(
        orders,
        range,
        isNotNull(orders.paidAt),
        gte(orders.paidAt, range.from),
        lt(orders.paidAt, range.to),
      ),
    )
    .groupBy(day, orders.currency)
    .orderBy(day, orders.currency);
  // sums of bigint come back as numeric strings; a day's sum stays far below 2^53
  return rows.map((r) => ({ ...r, gross: Number(r.gross), refunded: Number(r.refunded) }));
}

/**
 * Checkout conversion in `[from, to)`: orders whose checkout was started (a payment attempt
 * was opened) in the range, and how many of those are paid by now.
 */
export async function checkoutConversion(
  db: Executor,
  range: SalesRange,
): Promise<{ started: number; paid: number }> {
  const [row] = await db
    .select({
      started: countDistinct(paymentAttempts.orderId),
      paid: sql<number>`count(distinct ${paymentAttempts.orderId}) filter (where ${orders.paidAt} is not null)::int`,
    })
    .from(paymentAttempts)
    .innerJoin(orders, eq(orders.id, paymentAttempts.orderId))
    .where(
      scoped(
        paymentAttempts,
        range,
        gte(paymentAttempts.createdAt, range.from),
        lt(paymentAttempts.createdAt, range.to),
      ),
    );
  return { started: row?.started ?? 0, paid: row?.paid ?? 0 };
}

/** One UTC day of succeeded refunds in one currency, by the day the money went back. */
export interface RefundDay {
  day: string;
  currency: string;
  /** Minor units refunded that day. */
  amount: number;
  refunds: number;
}

/**
 * Succeeded refunds per UTC day (of the refund) and currency in `[from, to)`.
 *
 * @example
 * await refundsByDay(db, { tenantId, from: new Date('2026-11-01'), to: new Date('2026-12-01') });
 */
export async function refundsByDay(db: Executor, range: SalesRange): Promise<RefundDay[]> {
  const day = utcDay(refunds.createdAt);
  const rows = await db
    .select({
      day,
      currency: refunds.currency,
      amount: sql<string>`sum(${refunds.amount})`,
      refunds: sql<number>`count(*)::int`,
    })
    .from(refunds)
    .where(
      scoped(
        refunds,
        range,
        eq(refunds.status, 'succeeded'),
        gte(refunds.createdAt, range.from),
        lt(refunds.createdAt, range.to),
      ),
    )
    .groupBy(day, refunds.currency)
    .orderBy(day, refunds.currency);
  return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
}

/** What became of the checkout sessions opened in a range. */
export interface CheckoutFunnel {
  /** Checkout sessions opened (one payment attempt each). */
  opened: number;
  /** Of those, the ones the order was paid through (its last attempt, once paid). */
  paid: number;
  /** Not paid, and expired or abandoned (the attempt's expiry was logged on the order). */
  expired: number;
  /** Neither: still open, canceled with the order, or replaced by a newer attempt. */
  other: number;
}

/**
 * Checkout sessions opened in `[from, to)` and their fate, from the payment attempts Postgres
 * keeps: paid (the order is paid and this was its last attempt — a paid order starts no new
 * one), expired or abandoned (the `attempt_expired:{n}` effect that `checkout.expired` and the
 * abandonment sweep log once per attempt), or other.
 */
export async function checkoutFunnel(db: Executor, range: SalesRange): Promise<CheckoutFunnel> {
  const paid = sql`(${orders.paidAt} is not null and ${paymentAttempts.attempt} = ${orders.attempt})`;
  const expired = sql`exists (select 1 from ${fulfillmentLog} f where f.tenant_id = ${paymentAttempts.tenantId}
    and f.order_id = ${paymentAttempts.orderId} and f.event = 'attempt_expired:' || ${paymentAttempts.attempt})`;
  const [row] = await db
    .select({
      opened: sql<number>`count(*)::int`,
      paid: sql<number>`(count(*) filter (where ${paid}))::int`,
      expired: sql<number>`(count(*) filter (where not ${paid} and ${expired}))::int`,
    })
    .from(paymentAttempts)
    .innerJoin(orders, eq(orders.id, paymentAttempts.orderId))
    .where(
      scoped(
        paymentAttempts,
        range,
        gte(paymentAttempts.createdAt, range.from),
        lt(paymentAttempts.createdAt, range.to),
      ),
    );
  const opened = row?.opened ?? 0;
  const paidCount = row?.paid ?? 0;
  const expiredCount = row?.expired ?? 0;
  return {
    opened,
    paid: paidCount,
    expired: expiredCount,
    other: opened - paidCount - expiredCount,
  };
}
