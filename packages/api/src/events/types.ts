/** The API version every event is written with; bumped when an event's shape changes. */
export const API_VERSION = '2026-12-01';

/** Every event type a merchant can receive, in the order the reference lists them. */
export const EVENT_TYPES = [
  'order.created',
  'order.paid',
  'order.payment_failed',
  'order.fulfilled',
  'order.canceled',
  'order.refunded',
  'checkout.expired',
  'subscription.created',
  'subscription.updated',
  'subscription.canceled',
  'payment_link.paid',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];
