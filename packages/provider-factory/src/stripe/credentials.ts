import { ProviderError, type ProviderMode } from '@prood/checkout';
import { z } from 'zod';
import { maskSecret } from '../masking';

// Messages describe the expected shape and never echo the value (zod does not include inputs).
export const stripeCredentialsSchema = z.object({
  secretKey: z
    .string()
    .trim()
    .regex(
      /^(?:sk|rk)_(?:test|live)_[0-9A-Za-z]{8,}$/,
      'must be a Stripe secret key (sk_test_…, sk_live_…) or restricted key (rk_test_…, rk_live_…)',
    ),
  publishableKey: z
    .string()
    .trim()
    .regex(/^pk_(?:test|live)_[0-9A-Za-z]{8,}$/, 'must be a Stripe publishable key (pk_test_…)'),
  webhookSecret: z
    .string()
    .trim()
    .regex(/^whsec_[0-9A-Za-z+/=]{8,}$/, 'must be a Stripe webhook signing secret (whsec_…)'),
  /** Set when the tenant's payments run on a connected account (Stripe Connect). */
  accountId: z
    .string()
    .trim()
    .regex(/^acct_[0-9A-Za-z]{6,}$/, 'must be a Stripe account id (acct_…)')
    .optional(),
  /** The endpoint the platform registered in the tenant's account (set by us, never typed). */
  webhookEndpointId: z
    .string()
    .trim()
    .regex(/^we_[0-9A-Za-z]{6,}$/, 'must be a Stripe webhook endpoint id (we_…)')
    .optional(),
});

export type StripeCredentials = z.infer<typeof stripeCredentialsSchema>;

function keyMode(key: string): ProviderMode {
  return key.includes('_live_') ? 'live' : 'test';
}

/**
 * The mode a Stripe key pair belongs to; a test secret key with a live publishable key (or the
 * reverse) is refused.
 *
 * @example
 * stripeCredentialsMode({ secretKey: 'sk_live_…', publishableKey: 'pk_live_…', … }) // 'live'
 */
export function stripeCredentialsMode(
  credentials: Pick<StripeCredentials, 'secretKey' | 'publishableKey'>,
): ProviderMode {
  const secretMode = keyMode(credentials.secretKey);
  const publishableMode = keyMode(credentials.publishableKey);
  if (secretMode !== publishableMode) {
    throw new ProviderError(
      'mode_mismatch',
      `Stripe secret key is a ${secretMode} key but the publishable key is a ${publishableMode} key`,
      { provider: 'stripe' },
    );
  }
  return secretMode;
}

export function maskStripeCredentials(credentials: StripeCredentials): Record<string, string> {
  return {
    secretKey: maskSecret(credentials.secretKey),
    // publishable keys are public by design, but a masked view keeps the dashboard uniform
    publishableKey: maskSecret(credentials.publishableKey),
    webhookSecret: maskSecret(credentials.webhookSecret),
    ...(credentials.accountId ? { accountId: credentials.accountId } : {}),
    ...(credentials.webhookEndpointId ? { webhookEndpointId: credentials.webhookEndpointId } : {}),
  };
}

/**
 * What a merchant types when the platform registers the webhook endpoint for them: the keys,
 * without the signing secret (Stripe hands it to us) or the endpoint id (ours to set).
 */
export const stripeRegisteringCredentialsSchema = stripeCredentialsSchema.omit({
  webhookSecret: true,
  webhookEndpointId: true,
});
export type StripeRegisteringCredentials = z.infer<typeof stripeRegisteringCredentialsSchema>;
