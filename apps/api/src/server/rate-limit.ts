import 'server-only';
import { resolveUpstashCredentials } from '@prood/checkout-host';
import { createRateLimiter, type RateLimiter } from '@prood/http/rate-limit';
import { env } from '../env';

let limiter: RateLimiter | undefined;

/** This process's rate limiter: Upstash Redis when configured, the in-process store otherwise. */
export function getRateLimiter(): RateLimiter {
  limiter ??= createRateLimiter({
    upstash: resolveUpstashCredentials(),
    prefix: 'prood:api',
    policies: {
      sessionCreation: { limit: env.RATE_LIMIT_SESSIONS_PER_MINUTE, window: '1 m' },
      signUp: { limit: env.RATE_LIMIT_SIGNUPS_PER_HOUR, window: '1 h' },
    },
  });
  return limiter;
}
