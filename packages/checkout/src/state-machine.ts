/**
 * The checkout session's shopper steps as a pure transition table. Persistence and provider
 * calls happen around `transition`, never in it.
 */

export const CHECKOUT_STATES = [
  'idle',
  'info',
  'shipping',
  'payment',
  'confirming',
  'complete',
  'failed',
  'expired',
  'canceled',
] as const;
export type CheckoutState = (typeof CHECKOUT_STATES)[number];

/** States no event leaves. */
export const TERMINAL_STATES = [
  'complete',
  'expired',
  'canceled',
] as const satisfies readonly CheckoutState[];
export type TerminalState = (typeof TERMINAL_STATES)[number];

/** States in which the payment has started: amount and currency are frozen from here on. */
export const PAYMENT_STATES = [
  'payment',
  'confirming',
  'failed',
] as const satisfies readonly CheckoutState[];

export const FULFILLMENT_TYPES = ['shipping', 'local_delivery', 'pickup', 'digital'] as const;
export type FulfillmentType = (typeof FULFILLMENT_TYPES)[number];

/**
 * True when the fulfillment needs a delivery address, i.e. the `shipping` step is shown.
 *
 * @example
 * needsAddress('pickup') // false
 */
export function needsAddress(type: FulfillmentType): boolean {
  return type === 'shipping' || type === 'local_delivery';
}

export type CheckoutEvent =
  | { type: 'start' }
  | { type: 'submit_info'; fulfillment: FulfillmentType }
  | { type: 'submit_shipping' }
  | { type: 'submit_payment' }
  | { type: 'payment_succeeded' }
  | { type: 'payment_failed' }
  | { type: 'retry' }
  | { type: 'expire' }
  | { type: 'cancel' };
export type CheckoutEventType = CheckoutEvent['type'];

export const CHECKOUT_EVENT_TYPES = [
  'start',
  'submit_info',
  'submit_shipping',
  'submit_payment',
  'payment_succeeded',
  'payment_failed',
  'retry',
  'expire',
  'cancel',
] as const satisfies readonly CheckoutEventType[];

type Handlers = {
  [E in CheckoutEventType]?: (event: Extract<CheckoutEvent, { type: E }>) => CheckoutState;
};

const leave = { expire: () => 'expired', cancel: () => 'canceled' } as const satisfies Handlers;

/** Every state's allowed events; `satisfies` makes a forgotten state a compile error. */
const TABLE = {
  idle: { start: () => 'info', ...leave },
  info: {
    submit_info: (event) => (needsAddress(event.fulfillment) ? 'shipping' : 'payment'),
    ...leave,
  },
  shipping: { submit_shipping: () => 'payment', ...leave },
  payment: {
    submit_payment: () => 'confirming',
    payment_succeeded: () => 'complete',
    payment_failed: () => 'failed',
    ...leave,
  },
  confirming: { payment_succeeded: () => 'complete', payment_failed: () => 'failed', ...leave },
  failed: { retry: () => 'payment', ...leave },
  complete: {},
  expired: {},
  canceled: {},
} satisfies Record<CheckoutState, Handlers>;

export type CheckoutErrorCode =
  | 'invalid_transition'
  | 'session_expired'
  | 'amount_locked'
  | 'provider_mismatch'
  | 'provider_locked'
  | 'invalid_snapshot'
  | 'invalid_input';

/** A domain rule was broken; `code` says which, the message names state and event. */
export class CheckoutError extends Error {
  override name = 'CheckoutError';
  readonly code: CheckoutErrorCode;
  readonly details: Record<string, unknown>;
  constructor(code: CheckoutErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** The event is not allowed in the state. */
export class InvalidTransitionError extends CheckoutError {
  override name = 'InvalidTransitionError';
  readonly state: CheckoutState;
  readonly event: CheckoutEventType;
  constructor(state: CheckoutState, event: CheckoutEventType) {
    super('invalid_transition', `Event "${event}" is not allowed in state "${state}"`, {
      state,
      event,
    });
    this.state = state;
    this.event = event;
  }
}

export type TransitionResult =
  | { ok: true; state: CheckoutState }
  | { ok: false; error: InvalidTransitionError };

/**
 * The next state for `event` in `state`, or an `InvalidTransitionError` value.
 *
 * @example
 * transition('info', { type: 'submit_info', fulfillment: 'pickup' }) // { ok: true, state: 'payment' }
 */
export function transition(state: CheckoutState, event: CheckoutEvent): TransitionResult {
  const handlers: Handlers = TABLE[state];
  const handler = handlers[event.type] as ((e: CheckoutEvent) => CheckoutState) | undefined;
  if (!handler) return { ok: false, error: new InvalidTransitionError(state, event.type) };
  return { ok: true, state: handler(event) };
}

/** True when no event can leave `state`. */
export function isTerminalState(state: CheckoutState): state is TerminalState {
  return (TERMINAL_STATES as readonly CheckoutState[]).includes(state);
}

/** The events `state` accepts, e.g. to render the allowed actions. */
export function allowedEvents(state: CheckoutState): CheckoutEventType[] {
  return Object.keys(TABLE[state]) as CheckoutEventType[];
}
