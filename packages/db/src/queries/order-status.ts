import type { orders } from '../schema';

export type OrderStatus = (typeof orders.$inferSelect)['status'];

/**
 * The order state machine (design.md), as data. Every state is listed, so adding a status
 * without deciding its exits fails to compile. CANCELED → PAID exists only for money that
 * arrives after a cancel: the payment is recorded truthfully and flagged for review.
 * `transitionOrderStatus` refuses every move that is not in this table.
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

/** The statuses of an order whose money has arrived (the one list of them). */
export const PAID_STATUSES = [
  'PAID',
  'FULFILLED',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
] as const satisfies readonly OrderStatus[];

/** The statuses of an order that still awaits payment. */
export const UNPAID_STATUSES = ['PENDING', 'FAILED'] as const satisfies readonly OrderStatus[];

/** True when `from → to` is an allowed move (staying put is not a move). */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return (ORDER_TRANSITIONS[from] as readonly OrderStatus[]).includes(to);
}

export function isPaidStatus(status: OrderStatus): boolean {
  return (PAID_STATUSES as readonly OrderStatus[]).includes(status);
}

/** A move the order state machine does not allow: a bug in the caller, never a race. */
export class OrderTransitionError extends Error {
  override name = 'OrderTransitionError';
  readonly code = 'invalid_order_transition';
  constructor(
    readonly from: OrderStatus,
    readonly to: OrderStatus,
  ) {
    super(`An order cannot move from ${from} to ${to}.`);
  }
}

/**
 * Throws `OrderTransitionError` unless every `from → to` is in `ORDER_TRANSITIONS` (or stays
 * put, which only updates other columns).
 */
export function assertOrderTransition(from: readonly OrderStatus[], to: OrderStatus): void {
  for (const status of from) {
    if (status !== to && !canTransition(status, to)) throw new OrderTransitionError(status, to);
  }
}
