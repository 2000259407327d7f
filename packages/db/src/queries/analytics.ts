import { countDistinct, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { orders, paymentAttempts } from '../schema';
import { scoped, type TenantScope } from './scope';

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
  const day = sql<string>`to_char(${orders.paidAt} at time zone 'UTC', 'YYYY-MM-DD')`;
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
