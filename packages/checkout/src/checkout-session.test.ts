import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CheckoutSession, type NewCheckoutSession } from './checkout-session';
import type { PaymentProvider } from './provider';
import { FULFILLMENT_TYPES, type FulfillmentType, isTerminalState } from './state-machine';

const T0 = new Date('2026-03-01T10:00:00.000Z');

function newSession(
  overrides: Partial<NewCheckoutSession> = {},
  now: () => Date = () => T0,
): CheckoutSession {
  return CheckoutSession.create(
    {
      id: 'cs_test',
      tenantId: 'org_1',
      kind: 'order',
      orderId: 'ord_1',
      amount: 9999,
      currency: 'EUR',
      returnUrl: 'https://shop.example/return',
      fulfillment: { type: 'shipping', address: null },
      provider: 'sandbox',
      createdAt: T0,
      expiresAt: new Date(T0.getTime() + 30 * 60_000),
      ...overrides,
    },
    { now },
  );
}

const address = {
  line1: '1 Rue de Rivoli',
  line2: null,
  city: 'Paris',
  postalCode: '75001',
  region: null,
  country: 'FR',
};

type Action =
  | { kind: 'start' }
  | { kind: 'info' }
  | { kind: 'shipping' }
  | { kind: 'submit' }
  | { kind: 'succeed' }
  | { kind: 'fail' }
  | { kind: 'retry' }
  | { kind: 'expire' }
  | { kind: 'cancel' }
  | { kind: 'amount'; amount: number }
  | { kind: 'tick'; minutes: number }
  | { kind: 'roundtrip' };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.constantFrom<Action>(
    { kind: 'start' },
    { kind: 'info' },
    { kind: 'shipping' },
    { kind: 'submit' },
    { kind: 'succeed' },
    { kind: 'fail' },
    { kind: 'retry' },
    { kind: 'expire' },
    { kind: 'cancel' },
    { kind: 'roundtrip' },
  ),
  fc.integer({ min: 1, max: 1_000_000 }).map((amount): Action => ({ kind: 'amount', amount })),
  fc.integer({ min: 1, max: 20 }).map((minutes): Action => ({ kind: 'tick', minutes })),
);

function act(session: CheckoutSession, action: Action, clock: { now: Date }): CheckoutSession {
  switch (action.kind) {
    case 'start':
      return session.start();
    case 'info':
      return session.submitInfo({ email: 'shopper@example.com' });
    case 'shipping':
      return session.submitShipping(address);
    case 'submit':
      return session.submitPayment({ providerPaymentId: 'pay_1' });
    case 'succeed':
      return session.markSucceeded();
    case 'fail':
      return session.markFailed();
    case 'retry':
      return session.retry();
    case 'expire':
      return session.expire();
    case 'cancel':
      return session.cancel();
    case 'amount':
      return session.updateAmount(action.amount);
    case 'tick':
      clock.now = new Date(clock.now.getTime() + action.minutes * 60_000);
      return session;
    case 'roundtrip':
      return CheckoutSession.hydrate(JSON.parse(JSON.stringify(session.toSnapshot())), {
        now: () => clock.now,
      });
  }
}

describe('CheckoutSession invariants (property)', () => {
  it('keeps terminal states terminal, amounts frozen, shipping only with an address', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<FulfillmentType>(...FULFILLMENT_TYPES),
        fc.array(actionArb, { maxLength: 40 }),
        (fulfillment, actions) => {
          const clock = { now: T0 };
          let session = newSession(
            { fulfillment: { type: fulfillment, address: null } },
            () => clock.now,
          );
          for (const action of actions) {
            const before = session.toSnapshot();
            const beforeState = session.state;
            try {
              session = act(session, action, clock);
            } catch (error) {
              // a refused action leaves the session exactly as it was
              expect(session.toSnapshot()).toEqual(before);
              expect((error as { code?: string }).code).toMatch(
                /^(invalid_transition|session_expired|amount_locked)$/,
              );
              continue;
            }
            const after = session.toSnapshot();
            if (isTerminalState(before.state)) expect(after.state).toBe(before.state);
            if (isTerminalState(beforeState)) expect(session.state).toBe(beforeState);
            if (before.paymentStartedAt !== null) {
              expect(after.amount).toBe(before.amount);
              expect(after.currency).toBe(before.currency);
            }
            expect(after.attempt).toBeGreaterThanOrEqual(before.attempt);
            const round = CheckoutSession.hydrate(JSON.parse(JSON.stringify(after)));
            expect(round.toSnapshot()).toEqual(after);
          }
          const visited = session.toSnapshot().history.map((h) => h.to);
          if (fulfillment === 'pickup' || fulfillment === 'digital') {
            expect(visited).not.toContain('shipping');
          }
          const snap = session.toSnapshot();
          if (snap.state === 'complete') expect(session.paymentStatus).toBe('paid');
          else expect(session.paymentStatus).toBe('unpaid');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('CheckoutSession', () => {
  it('reports status and paymentStatus like Stripe', () => {
    const session = newSession();
    expect([session.status, session.paymentStatus]).toEqual(['open', 'unpaid']);
    session.start().submitInfo({ email: 'a@b.co' }).submitShipping(address);
    session.submitPayment({ providerSessionId: 'sbx_1' }).markSucceeded();
    expect([session.state, session.status, session.paymentStatus]).toEqual([
      'complete',
      'complete',
      'paid',
    ]);
    expect(session.toSnapshot().providerSessionId).toBe('sbx_1');
    expect(session.toSnapshot().completedAt).toBe(T0.toISOString());
    const zero = newSession({ amount: 0 });
    expect(zero.paymentStatus).toBe('no_payment_required');
    const canceled = newSession().cancel();
    expect(canceled.status).toBe('expired');
  });

  it('reads as expired once expiresAt has passed, and refuses further steps', () => {
    const clock = { now: T0 };
    const session = newSession({}, () => clock.now).start();
    clock.now = new Date(T0.getTime() + 30 * 60_000);
    expect(session.state).toBe('expired');
    expect(session.storedState).toBe('info');
    expect(session.status).toBe('expired');
    expect(() => session.submitInfo({})).toThrow(
      expect.objectContaining({ code: 'session_expired' }),
    );
    session.expire();
    expect(session.storedState).toBe('expired');
  });

  it('counts attempts and freezes the amount from the payment step', () => {
    const session = newSession({ fulfillment: { type: 'digital', address: null } });
    session.start().updateAmount(5000).submitInfo({});
    expect(session.attempt).toBe(1);
    expect(() => session.updateAmount(1)).toThrow(
      expect.objectContaining({ code: 'amount_locked' }),
    );
    session.markFailed().retry();
    expect(session.attempt).toBe(2);
    expect(session.amount).toBe(5000);
  });

  it('round-trips exactly and refuses a snapshot of another schema version', () => {
    const session = newSession().start();
    const snap = session.toSnapshot();
    expect(CheckoutSession.hydrate(snap).toSnapshot()).toEqual(snap);
    expect(() => CheckoutSession.hydrate({ ...snap, schemaVersion: 2 })).toThrow(
      expect.objectContaining({ code: 'invalid_snapshot' }),
    );
    expect(() => CheckoutSession.hydrate({ ...snap, amount: 1.5 })).toThrow(/amount/);
  });

  it('refuses a provider that is not the session’s', () => {
    const provider = { id: 'stripe', mode: 'test' } as unknown as PaymentProvider;
    expect(() => CheckoutSession.hydrate(newSession().toSnapshot(), { provider })).toThrow(
      expect.objectContaining({ code: 'provider_mismatch' }),
    );
  });
});
