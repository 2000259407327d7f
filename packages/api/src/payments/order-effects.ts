import type { Executor, Order, OrderItem } from '@prood/db';
import {
  findOrderIdForEvent as findOrderId,
  flagOrderForReview,
  getCouponCode,
  incrementCouponUse,
  insertFulfilmentLog,
  listOrderItems,
  sumSucceededRefunds,
} from '@prood/db';
import type { OrderSnapshot } from '@prood/db/schema';
import { transitionOrder } from '../events/emit';
import { refundState } from './order-rules';

/** Reads an order and locks its row until the transaction ends: every writer of an order queues here. */
export { lockOrder } from '@prood/db';

/**
 * Finds the order an event is about: by our order id (metadata), else by our checkout session
 * id, else by a payment we already recorded. Always within the tenant.
 */
export async function findOrderIdForEvent(
  tx: Executor,
  tenantId: string,
  event: {
    orderId?: string | undefined;
    checkoutSessionId?: string | undefined;
    providerPaymentId?: string | undefined;
    provider: string;
  },
): Promise<string | undefined> {
  return findOrderId(tx, { ...event, tenantId });
}

/**
 * Writes one fulfilment-log row. `UNIQUE(order_id, event)` makes it the once-only guard of an
 * effect: returns false when the effect was already logged.
 */
export async function logOrderEffect(
  tx: Executor,
  input: { tenantId: string; orderId: string; event: string; details?: Record<string, unknown> },
): Promise<boolean> {
  return insertFulfilmentLog(tx, input);
}

/** The order's items and coupon code, the two reads a snapshot needs, sent together. */
export async function readSnapshotInputs(
  tx: Executor,
  order: Order,
): Promise<{ items: OrderItem[]; couponCode: string | null }> {
  const couponId = order.couponId;
  const [items, couponCode] = await Promise.all([
    listOrderItems(tx, { tenantId: order.tenantId, orderId: order.id }),
    couponId ? getCouponCode(tx, { tenantId: order.tenantId, couponId }) : Promise.resolve(null),
  ]);
  return { items, couponCode };
}

/** The record of what was sold, frozen at payment: titles, prices, quantities, discounts, tax, totals. */
export async function buildOrderSnapshot(
  tx: Executor,
  order: Order,
  paidAt: Date,
  known?: { items: readonly OrderItem[]; couponCode: string | null },
): Promise<OrderSnapshot> {
  const { items, couponCode } = known ?? (await readSnapshotInputs(tx, order));
  return {
    currency: order.currency,
    items: items.map((item) => ({
      productId: item.productId,
      priceId: item.priceId,
      title: item.title,
      unitAmount: item.unitAmount,
      quantity: item.quantity,
      discount: item.lineDiscount,
      tax: item.lineTax,
      total: item.lineTotal,
    })),
    subtotal: order.subtotal,
    discountTotal: order.discountTotal,
    taxTotal: order.taxTotal,
    total: order.total,
    couponCode,
    paidAt: paidAt.toISOString(),
  };
}

/**
 * Counts one use of the order's coupon, never beyond its maximum. Returns false when the coupon
 * ran out meanwhile (the payment still stands; the order is flagged for review).
 */
export async function countCouponUse(tx: Executor, order: Order): Promise<boolean> {
  if (!order.couponId) return true;
  return incrementCouponUse(tx, { tenantId: order.tenantId, couponId: order.couponId });
}

/** Sum of the order's succeeded refund rows (ours and those reported by the provider). */
export async function succeededRefundTotal(tx: Executor, order: Order): Promise<number> {
  return sumSucceededRefunds(tx, { tenantId: order.tenantId, orderId: order.id });
}

/**
 * Brings a locked order's refunded amount and status up to what is known: succeeded refund rows
 * and the provider's reported total, whichever is higher (so one refund is never counted twice).
 * Compare-and-swap on the status it was read with.
 */
export async function applyKnownRefunds(
  tx: Executor,
  order: Order,
  /** `succeededRefundTotal` of this locked order, when the caller already read it. */
  succeededTotal?: number,
): Promise<Order> {
  const known = Math.max(
    order.providerRefundedTotal,
    succeededTotal ?? (await succeededRefundTotal(tx, order)),
  );
  const next = refundState(order, known);
  if (next.amountRefunded === order.amountRefunded && next.status === order.status) return order;
  const moved = await transitionOrder(tx, {
    previous: order,
    tenantId: order.tenantId,
    orderId: order.id,
    from: [order.status],
    to: next.status,
    set: { amountRefunded: next.amountRefunded },
  });
  if (!moved) throw new Error(`order ${order.id} changed while locked`);
  return moved;
}

/** Flags an order for a person, keeping the first reason given. */
export async function flagForReview(tx: Executor, order: Order, reason: string): Promise<Order> {
  const row = await flagOrderForReview(tx, {
    tenantId: order.tenantId,
    orderId: order.id,
    reason: order.reviewReason ?? reason,
  });
  return row ?? order;
}
