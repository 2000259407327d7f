import { resolveUpstashCredentials } from '@prood/checkout-host';
import { processWide } from '@prood/db/lifecycle';
import { createRateLimiter, type RateLimiter } from '@prood/http/rate-limit';
import { env } from '../env';

/**
 * This process's rate limiter: Upstash Redis when configured, the in-process store otherwise.
 * One per process, so the machine routes and the Next.js routes count in the same buckets.
 */
export function getRateLimiter(): RateLimiter {
  return processWide('api.rate-limiter', () =>
    createRateLimiter({
      upstash: resolveUpstashCredentials(),
      prefix: 'prood:api',
      policies: {
        sessionCreation: { limit: env.RATE_LIMIT_SESSIONS_PER_MINUTE, window: '1 m' },
        signUp: { limit: env.RATE_LIMIT_SIGNUPS_PER_HOUR, window: '1 h' },
      },
    }),
  );
}
