import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { createLogger } from '../logger';
import type { CheckoutAppClient } from './checkout-app-client';
import { recoveryLink, resumeCheckoutFromRecovery } from './recovery';

const secret = 'recovery-test-secret-0123456789abcdef';
const never: CheckoutAppClient = {
  createSession: () => Promise.reject(new Error('must not be reached')),
  getSession: () => Promise.reject(new Error('must not be reached')),
  createPaymentLink: () => Promise.reject(new Error('must not be reached')),
  cancelSession: () => Promise.reject(new Error('must not be reached')),
};

describe('recovery links', () => {
  it('are bound to one order and refused when forged or moved', async () => {
    const link = new URL(recoveryLink('http://localhost:3002/', secret, 'ord_a'));
    expect(link.pathname).toBe('/pay/ord_a');
    const t = link.searchParams.get('t');
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const ctx = {
      // the token check comes first: a forged link never touches the database
      db: undefined as never,
      requestId: 'req_test',
      logger: createLogger({ level: 'silent' }),
      checkoutApp: never,
      payments: undefined as never,
      config: { cartTtlMs: 1 },
    };
    for (const [orderId, token] of [
      ['ord_b', t],
      ['ord_a', `${t?.slice(0, -1)}${t?.endsWith('x') ? 'y' : 'x'}`],
      ['ord_a', null],
    ] as const) {
      await expect(
        resumeCheckoutFromRecovery(ctx, { orderId, token, secret }),
      ).rejects.toBeInstanceOf(ApiError);
    }
  });
});
