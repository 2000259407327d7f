import { canTransition, isPaidStatus, type Order, type OrderStatus } from '@prood/db';

export { canTransition, isPaidStatus, ORDER_TRANSITIONS, PAID_STATUSES } from '@prood/db';

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

/**
 * An expired checkout ends the current attempt of an order that was never paid (it stays
 * payable through a new session); anything else is a late or irrelevant event.
 */
export function decideCheckoutExpired(
  order: OrderFacts,
  checkoutSessionId: string | undefined,
): 'end_attempt' | 'ignore' {
  return (order.status === 'PENDING' || order.status === 'FAILED') &&
    order.amountPaid === 0 &&
    isCurrentAttempt(order, checkoutSessionId)
    ? 'end_attempt'
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
