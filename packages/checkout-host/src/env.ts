import { ConfigError, reportInvalidEnv } from '@prood/db/env-report';
import { createEnv } from '@t3-oss/env-core';
import { z } from 'zod';

/** The receiver's default wait for the API: a quick answer either way (Stripe asks for a quick 2xx). */
export const DEFAULT_FORWARD_TIMEOUT_MS = 4_000;
/** Never more than half of what the sandbox or Stripe waits for the receiver (about 10 s). */
export const MAX_FORWARD_TIMEOUT_MS = 5_000;

/**
 * The checkout host's configuration; the only place in this package that reads `process.env`.
 * Every variable is optional: without them the embedded defaults apply.
 */
export const hostEnv = createEnv({
  server: {
    UPSTASH_REDIS_REST_URL: z.url().optional(),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
    /** Vercel KV's names for the same Upstash database. */
    KV_REST_API_URL: z.url().optional(),
    KV_REST_API_TOKEN: z.string().min(1).optional(),
    /** Forces a store; default: `upstash` when credentials are set, else `sqlite`. */
    CHECKOUT_SESSION_STORE: z.enum(['upstash', 'sqlite', 'memory']).optional(),
    /** SQLite file of the embedded store; default `<data dir>/sessions.sqlite`. */
    CHECKOUT_SESSION_DB: z.string().min(1).optional(),
    COMMERCE_API_URL: z.url().default('http://localhost:3002'),
    CHECKOUT_URL: z.url().default('http://localhost:3004'),
    CHECKOUT_API_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /**
     * How long the webhook receiver waits for the API. Kept well inside what a provider waits
     * for the receiver (about 10 s), so a hung API is answered 503 and retried, never seen by
     * the provider as its own timeout.
     */
    CHECKOUT_FORWARD_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(MAX_FORWARD_TIMEOUT_MS, 'must stay well inside what providers wait (at most 5000)')
      .default(DEFAULT_FORWARD_TIMEOUT_MS),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  onValidationError: reportInvalidEnv,
});

export { ConfigError };

/**
 * The Upstash REST credentials, from the Upstash or the Vercel KV names, or undefined when
 * neither is set. Half a pair is a configuration error naming the missing variable.
 */
export function resolveUpstashCredentials(): { url: string; token: string } | undefined {
  const pairs = [
    ['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN'],
    ['KV_REST_API_URL', 'KV_REST_API_TOKEN'],
  ] as const;
  for (const [urlName, tokenName] of pairs) {
    const url = hostEnv[urlName];
    const token = hostEnv[tokenName];
    if (url && token) return { url, token };
    if (url || token) {
      throw new ConfigError(
        `Invalid configuration: ${url ? tokenName : urlName}: must be set together with ${url ? urlName : tokenName}`,
      );
    }
  }
  return undefined;
}
