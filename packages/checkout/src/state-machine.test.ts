import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  CHECKOUT_STATES,
  type CheckoutEvent,
  InvalidTransitionError,
  isTerminalState,
  transition,
} from './state-machine';

describe('transition', () => {
  it('walks the happy path with shipping for an address fulfillment', () => {
    const steps: CheckoutEvent[] = [
      { type: 'start' },
      { type: 'submit_info', fulfillment: 'shipping' },
      { type: 'submit_shipping' },
      { type: 'submit_payment' },
      { type: 'payment_succeeded' },
    ];
    const seen = ['idle'];
    let state = 'idle' as (typeof CHECKOUT_STATES)[number];
    for (const event of steps) {
      const result = transition(state, event);
      if (!result.ok) throw result.error;
      state = result.state;
      seen.push(state);
    }
    expect(seen).toEqual(['idle', 'info', 'shipping', 'payment', 'confirming', 'complete']);
  });

  it.each([
    ['shipping', 'shipping'],
    ['local_delivery', 'shipping'],
    ['pickup', 'payment'],
    ['digital', 'payment'],
  ] as const)('after info, fulfillment %s goes to %s', (fulfillment, next) => {
    expect(transition('info', { type: 'submit_info', fulfillment })).toEqual({
      ok: true,
      state: next,
    });
  });

  it('retries after failure from payment and confirming', () => {
    expect(transition('payment', { type: 'payment_failed' })).toEqual({
      ok: true,
      state: 'failed',
    });
    expect(transition('confirming', { type: 'payment_failed' })).toEqual({
      ok: true,
      state: 'failed',
    });
    expect(transition('failed', { type: 'retry' })).toEqual({ ok: true, state: 'payment' });
  });

  it('returns a typed error naming state and event', () => {
    const result = transition('complete', { type: 'cancel' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(InvalidTransitionError);
    expect(result.error.code).toBe('invalid_transition');
    expect(result.error.state).toBe('complete');
    expect(result.error.event).toBe('cancel');
    expect(result.error.message).toContain('"cancel"');
    expect(result.error.message).toContain('"complete"');
  });

  it('lets every non-terminal state expire or cancel, and no terminal state move', () => {
    for (const state of CHECKOUT_STATES) {
      if (isTerminalState(state)) {
        expect(allowedEvents(state)).toEqual([]);
      } else {
        expect(transition(state, { type: 'expire' })).toEqual({ ok: true, state: 'expired' });
        expect(transition(state, { type: 'cancel' })).toEqual({ ok: true, state: 'canceled' });
      }
    }
  });
});
