import type { ProviderMode } from '@prood/checkout';
import { z } from 'zod';

// Messages describe the expected shape and never echo the value (zod does not include inputs).
export const mollieCredentialsSchema = z.object({
  apiKey: z
    .string()
    .trim()
    .regex(
      /^(?:test|live)_[A-Za-z0-9]{30}$/,
      'must be a Mollie API key: test_ or live_ followed by 30 letters and digits',
    ),
});

export type MollieCredentials = z.infer<typeof mollieCredentialsSchema>;

/** A `test_` key works on test payments only, a `live_` key on real ones. */
export function mollieCredentialsMode(credentials: MollieCredentials): ProviderMode {
  return credentials.apiKey.startsWith('live_') ? 'live' : 'test';
}

export function maskMollieCredentials(credentials: MollieCredentials): Record<string, string> {
  const key = credentials.apiKey;
  return { apiKey: `${key.slice(0, key.indexOf('_') + 1)}…${key.slice(-4)}` };
}
