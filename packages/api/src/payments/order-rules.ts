import type { Order, OrderStatus } from '@prood/db';

/**
 * The order state machine (design.md), as data. Every state is listed, so adding a status
 * without deciding its exits fails to compile. CANCELED → PAID exists only for money that
 * arrives after an expiry or cancel: the payment is recorded truthfully and flagged for review.
 */
export const ORDER_TRANSITIONS = {
  PENDING: ['PAID', 'FAILED', 'CANCELED'],
  FAILED: ['PENDING', 'PAID', 'CANCELED'],
  CANCELED: ['PAID'],
  PAID: ['FULFILLED', 'PARTIALLY_REFUNDED', 'REFUNDED'],
  FULFILLED: ['PARTIALLY_REFUNDED', 'REFUNDED'],
  PARTIALLY_REFUNDED: ['REFUNDED'],
  REFUNDED: [],
} as const satisfies Record<OrderStatus, readonly OrderStatus[]>;

export const PAID_STATUSES: readonly OrderStatus[] = [
  'PAID',
  'FULFILLED',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
];

/** True when `from → to` is an allowed move (staying put is not a move). */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return (ORDER_TRANSITIONS[from] as readonly OrderStatus[]).includes(to);
}

export function isPaidStatus(status: OrderStatus): boolean {
  return PAID_STATUSES.includes(status);
}

type OrderFacts = Pick<
  Order,
  'status' | 'total' | 'currency' | 'amountPaid' | 'checkoutSessionId' | 'snapshot'
>;

export type PaymentDecision =
  | { kind: 'pay'; reviewReason?: string }
  | { kind: 'already_paid' }
  | { kind: 'mismatch'; reviewReason: string };

/**
 * What a successful payment does to an order. The amount and currency must equal the order's;
 * otherwise the payment is recorded and the order waits for a person.
 *
 * @example
 * decidePayment({ status: 'PENDING', total: 4980, currency: 'EUR', … }, { amount: 4980, currency: 'EUR' }) // { kind: 'pay' }
 */
export function decidePayment(
  order: OrderFacts,
  payment: { amount: number; currency: string },
): PaymentDecision {
  if (isPaidStatus(order.status)) return { kind: 'already_paid' };
  if (payment.currency.toUpperCase() !== order.currency.toUpperCase()) {
    return {
      kind: 'mismatch',
      reviewReason: `payment currency ${payment.currency.toUpperCase()} differs from the order's ${order.currency}`,
    };
  }
  if (payment.amount !== order.total) {
    return {
      kind: 'mismatch',
      reviewReason: `payment of ${payment.amount} differs from the order total ${order.total}`,
    };
  }
  if (order.status === 'CANCELED') {
    return { kind: 'pay', reviewReason: 'payment received after the order was canceled' };
  }
  return { kind: 'pay' };
}

/** Whether an event about a checkout session concerns the order's current attempt. */
export function isCurrentAttempt(order: OrderFacts, checkoutSessionId: string | undefined) {
  return checkoutSessionId === undefined || checkoutSessionId === order.checkoutSessionId;
}

/**
 * A failed payment moves a PENDING order of the current attempt to FAILED; on anything else it
 * is a late event and is ignored (logged).
 */
export function decidePaymentFailed(
  order: OrderFacts,
  checkoutSessionId: string | undefined,
): 'fail' | 'ignore' {
  return order.status === 'PENDING' && isCurrentAttempt(order, checkoutSessionId)
    ? 'fail'
    : 'ignore';
}

/** An expired checkout cancels an order that was never paid, if it was the current attempt. */
export function decideCheckoutExpired(
  order: OrderFacts,
  checkoutSessionId: string | undefined,
): 'cancel' | 'ignore' {
  return (order.status === 'PENDING' || order.status === 'FAILED') &&
    order.amountPaid === 0 &&
    isCurrentAttempt(order, checkoutSessionId)
    ? 'cancel'
    : 'ignore';
}

/**
 * The refunded amount and status an order should have, given what is known about refunds.
 * Refunds known before the payment is applied wait (their amount cannot exceed what is paid).
 *
 * @example
 * refundState({ status: 'PAID', amountPaid: 1000, amountRefunded: 0 }, 400) // { amountRefunded: 400, status: 'PARTIALLY_REFUNDED' }
 */
export function refundState(
  order: Pick<Order, 'status' | 'amountPaid' | 'amountRefunded'>,
  knownRefunded: number,
): { amountRefunded: number; status: OrderStatus } {
  if (!isPaidStatus(order.status)) {
    return { amountRefunded: order.amountRefunded, status: order.status };
  }
  const amountRefunded = Math.min(order.amountPaid, Math.max(order.amountRefunded, knownRefunded));
  if (amountRefunded === 0) return { amountRefunded, status: order.status };
  const target: OrderStatus =
    amountRefunded >= order.amountPaid ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  return {
    amountRefunded,
    status: target === order.status || canTransition(order.status, target) ? target : order.status,
  };
}
