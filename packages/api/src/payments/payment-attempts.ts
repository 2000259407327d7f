import { type Database, recordProviderSession } from '@prood/db';
import { z } from 'zod';
import { ApiError, notFound } from '../errors';

/** What the checkout app reports when a shopper starts paying with a provider. */
export const providerSessionStartedSchema = z.strictObject({
  tenantId: z.string().min(1).max(200),
  checkoutSessionId: z.string().regex(/^cs_[A-Za-z0-9]{10,64}$/),
  provider: z.string().min(1).max(64),
  providerSessionId: z.string().min(1).max(255),
});

export type ProviderSessionStarted = z.output<typeof providerSessionStartedSchema>;

/**
 * The checkout app's internal `POST /internal/payment-attempts`: records the provider's session
 * on the order's payment attempt before the shopper is sent to pay, so reconciliation can ask
 * the provider long after the session store's key is gone. Another tenant's or an unknown
 * session answers 404.
 *
 * @example
 * await recordProviderSessionStarted(db, { tenantId, checkoutSessionId: 'cs_…', provider: 'stripe', providerSessionId: 'cs_test_…' });
 */
export async function recordProviderSessionStarted(db: Database, input: unknown): Promise<void> {
  const parsed = providerSessionStartedSchema.safeParse(input);
  if (!parsed.success) {
    throw new ApiError('validation_error', 'The request body is invalid.', parsed.error.issues);
  }
  const recorded = await recordProviderSession(db, parsed.data);
  if (!recorded) throw notFound('checkout session');
}
