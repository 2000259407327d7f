import { randomBytes } from 'node:crypto';
import type { StartPaymentInput } from '@prood/checkout';

/**
 * Test fixture: one checkout attempt of a fresh order, €49.80 for two lines, expiring in 30
 * minutes, with the checkout app's success and cancel URLs.
 *
 * @example
 * await provider.startPayment(startPaymentInput(tenantId, { amount: 1999 }));
 */
export function startPaymentInput(
  tenantId: string,
  overrides: Partial<StartPaymentInput> = {},
): StartPaymentInput {
  const checkoutSessionId = `cs_${randomBytes(10).toString('hex')}`;
  return {
    tenantId,
    checkoutSessionId,
    orderId: `ord_${randomBytes(8).toString('hex')}`,
    attempt: 1,
    amount: 4980,
    currency: 'EUR',
    mode: 'payment',
    lineItems: [{ name: 'House Blend, 1 kg', unitAmount: 2490, quantity: 2 }],
    successUrl: `http://localhost:3004/c/${checkoutSessionId}/success`,
    cancelUrl: `http://localhost:3004/c/${checkoutSessionId}/cancel`,
    expiresAt: new Date(Date.now() + 30 * 60_000),
    ...overrides,
  };
}
