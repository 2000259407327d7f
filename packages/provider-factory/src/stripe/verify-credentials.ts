import { ProviderError } from '@prood/checkout';
import { createStripeClient, type StripeRuntimeOptions } from './client';
import type { StripeCredentials } from './credentials';
import { toProviderError } from './errors';

/**
 * Asks Stripe whether a secret key works before it is saved: one cheap read (`GET /v1/customers`,
 * which the provider needs anyway). A refused key throws `invalid_credentials` carrying Stripe's
 * own message (Stripe masks the key in it), for the merchant who just typed that key.
 */
export async function verifyStripeCredentials(
  credentials: Pick<StripeCredentials, 'secretKey' | 'accountId'>,
  runtime: StripeRuntimeOptions = {},
): Promise<void> {
  const stripe = createStripeClient(credentials, {
    maxNetworkRetries: 0,
    timeoutMs: 10_000,
    ...runtime,
  });
  try {
    await stripe.customers.list({ limit: 1 });
  } catch (error) {
    const e = error as { type?: unknown; message?: unknown };
    if (e.type === 'StripeAuthenticationError' || e.type === 'StripePermissionError') {
      throw new ProviderError(
        'invalid_credentials',
        typeof e.message === 'string' && e.message ? e.message : 'Stripe refused this API key.',
        { provider: 'stripe' },
      );
    }
    throw toProviderError(error, 'verify credentials');
  }
}
