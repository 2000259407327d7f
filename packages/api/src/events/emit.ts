import {
  appendEvent,
  type Executor,
  getCouponCode,
  listOrderItems,
  type MerchantEvent,
  type Order,
  type OrderItem,
  type OrderStatus,
  transitionOrderStatus,
} from '@prood/db';
import { newId } from '@prood/validators';
import { toOrderResource } from '../services/orders';
import { API_VERSION, type EventType } from './types';

/**
 * Appends one merchant event in the caller's transaction (and owes it to the tenant's
 * subscribed endpoints). A `dedupeKey` makes it happen once: a second call returns undefined.
 *
 * @example
 * await emitEvent(tx, { tenantId, type: 'order.paid', object: orderResource, dedupeKey: `order.paid:${order.id}` });
 */
export function emitEvent(
  tx: Executor,
  input: {
    tenantId: string;
    type: EventType;
    object: Record<string, unknown>;
    previousAttributes?: Record<string, unknown> | undefined;
    dedupeKey?: string | undefined;
  },
): Promise<MerchantEvent | undefined> {
  return appendEvent(tx, {
    tenantId: input.tenantId,
    id: newId('event'),
    type: input.type,
    apiVersion: API_VERSION,
    data: {
      object: input.object,
      ...(input.previousAttributes ? { previousAttributes: input.previousAttributes } : {}),
    },
    dedupeKey: input.dedupeKey,
    newDeliveryId: () => newId('webhookDelivery'),
  });
}

/** The order exactly as `GET /v1/orders/{id}` returns it, read inside the transaction. */
export async function orderResourceIn(tx: Executor, order: Order, known?: readonly OrderItem[]) {
  const items = known
    ? [...known]
    : await listOrderItems(tx, { tenantId: order.tenantId, orderId: order.id });
  let couponCode: string | null = order.snapshot?.couponCode ?? null;
  if (!couponCode && order.couponId) {
    couponCode = await getCouponCode(tx, { tenantId: order.tenantId, couponId: order.couponId });
  }
  return toOrderResource({ order, items, couponCode });
}

/** Which event an order's move announces; undefined for moves a merchant need not hear about. */
function eventForMove(to: OrderStatus): EventType | undefined {
  switch (to) {
    case 'PAID':
      return 'order.paid';
    case 'FAILED':
      return 'order.payment_failed';
    case 'FULFILLED':
      return 'order.fulfilled';
    case 'CANCELED':
      return 'order.canceled';
    case 'PARTIALLY_REFUNDED':
    case 'REFUNDED':
      return 'order.refunded';
    case 'PENDING':
      return undefined;
  }
}

/**
 * Announces an order's move from `previous` to `order` (its new row) as a merchant event, in
 * the same transaction. Each fact happens once: paid, fulfilled and canceled per order,
 * refunded per refunded amount, payment_failed per attempt.
 */
export async function emitOrderMoved(
  tx: Executor,
  previous: { status: OrderStatus; amountRefunded?: number } | undefined,
  order: Order,
  /** The order's items when the caller has just read them (its lines never change). */
  items?: readonly OrderItem[],
): Promise<void> {
  const type = eventForMove(order.status);
  if (!type) return;
  const key =
    type === 'order.refunded'
      ? `${type}:${order.id}:${order.amountRefunded}`
      : type === 'order.payment_failed'
        ? `${type}:${order.id}:${order.attempt}`
        : `${type}:${order.id}`;
  await emitEvent(tx, {
    tenantId: order.tenantId,
    type,
    object: await orderResourceIn(tx, order, items),
    previousAttributes: previous
      ? {
          status: previous.status,
          ...(type === 'order.refunded' && previous.amountRefunded !== undefined
            ? { amountRefunded: previous.amountRefunded }
            : {}),
        }
      : undefined,
    dedupeKey: key,
  });
}

/**
 * `transitionOrderStatus` plus its merchant event, in the caller's transaction: the one way an
 * order changes status in the API. Same arguments, same result.
 *
 * @example
 * const paid = await transitionOrder(tx, { tenantId, orderId, from: ['PENDING'], to: 'PAID', set: { paidAt } });
 */
export async function transitionOrder(
  tx: Executor,
  scope: Parameters<typeof transitionOrderStatus>[1] & {
    previous?: Order | undefined;
    /** The order's items, when already read in this transaction (saves reading them again). */
    items?: readonly OrderItem[] | undefined;
  },
): Promise<Order | undefined> {
  const { previous, items, ...move } = scope;
  const moved = await transitionOrderStatus(tx, move);
  if (moved) {
    const before =
      previous ?? (move.from.length === 1 && move.from[0] ? { status: move.from[0] } : undefined);
    await emitOrderMoved(tx, before, moved, items);
  }
  return moved;
}

/**
 * `transitionOrder` for an order whose row the caller holds locked: nobody else can move it and
 * every column that changes is in `set`, so its new row is known before the UPDATE answers. The
 * UPDATE and its merchant event are sent together (one round trip, or none of its own when the
 * caller sends more with them); `confirmed` settles once both answered and rejects if the UPDATE
 * found the order moved (impossible under the lock; checked anyway). The caller awaits
 * `confirmed` before its transaction ends.
 *
 * @example
 * const { order: paid, confirmed } = transitionLockedOrder(tx, { locked, to: 'PAID', set: { amountPaid, paidAt } });
 */
export function transitionLockedOrder(
  tx: Executor,
  scope: {
    locked: Order;
    to: OrderStatus;
    set: Partial<Omit<Order, 'id' | 'tenantId' | 'status'>>;
    /** The order's items, when already read in this transaction. */
    items?: readonly OrderItem[] | undefined;
  },
): { order: Order; confirmed: Promise<void> } {
  const { locked, to, items } = scope;
  const set = Object.fromEntries(
    Object.entries(scope.set).filter(([, value]) => value !== undefined),
  ) as typeof scope.set;
  // what the UPDATE will return, but for updated_at (the database's clock; not in any resource)
  const order: Order = { ...locked, ...set, status: to };
  const moving = transitionOrderStatus(tx, {
    tenantId: locked.tenantId,
    orderId: locked.id,
    from: [locked.status],
    to,
    set,
  });
  const announcing = emitOrderMoved(tx, { status: locked.status }, order, items);
  const confirmed = Promise.all([moving, announcing]).then(([moved]) => {
    if (!moved) throw new Error(`order ${locked.id} changed while locked`);
  });
  // handled where the caller awaits it; never an unhandled rejection if the caller fails first
  confirmed.catch(() => {});
  return { order, confirmed };
}

/**
 * `checkout.expired`, the abandonment signal: the session that ran out unpaid, its order and
 * the customer's email, so the merchant can send a reminder. Once per session.
 */
export async function emitCheckoutExpired(
  tx: Executor,
  order: Order,
  checkoutSessionId: string,
): Promise<void> {
  await emitEvent(tx, {
    tenantId: order.tenantId,
    type: 'checkout.expired',
    object: {
      id: checkoutSessionId,
      object: 'checkout_session',
      status: 'expired',
      orderId: order.id,
      customerEmail: order.customerEmail,
      order: await orderResourceIn(tx, order),
    },
    dedupeKey: `checkout.expired:${checkoutSessionId}`,
  });
}
