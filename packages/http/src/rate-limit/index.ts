import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { HttpError } from '../errors';
import { createInMemoryRateLimiter } from './in-memory';
import { RATE_LIMIT_POLICIES, type RateLimitPolicy } from './policies';

export { createInMemoryRateLimiter } from './in-memory';
export { RATE_LIMIT_POLICIES, type RateLimitPolicy } from './policies';

/**
 * What `@upstash/ratelimit` (single region, no analytics, no deny lists) calls on its Redis
 * client: its algorithms are Lua scripts sent with `evalsha`, falling back to `eval` on
 * NOSCRIPT.
 */
export interface RatelimitRedis {
  evalsha(sha: string, keys: string[], args: unknown[]): Promise<unknown>;
  eval(script: string, keys: string[], args: unknown[]): Promise<unknown>;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix ms when a slot frees up. */
  reset: number;
}

export interface RateLimiter {
  /** Counts one hit for `identifier` under `policy`. */
  hit(policy: RateLimitPolicy, identifier: string): Promise<RateLimitDecision>;
  /** Looks without counting (for limits that count only failures). */
  peek(policy: RateLimitPolicy, identifier: string): Promise<RateLimitDecision>;
}

export interface RateLimiterOptions {
  /** Upstash Redis REST credentials; without them the in-memory store (embedded default). */
  upstash?: { url: string; token: string } | undefined;
  /** A Redis client of your own (tests); wins over `upstash`. */
  redis?: RatelimitRedis;
  /** Key prefix, so apps and test runs never share counters by accident. */
  prefix?: string;
  /** Overrides of the policy table (tests, or an operator's settings). */
  policies?: Partial<
    Record<RateLimitPolicy, { limit: number; window: `${number} ${'s' | 'm' | 'h'}` }>
  >;
}

/**
 * Rate limits as sliding windows: `@upstash/ratelimit` on Upstash Redis in production, the
 * same algorithm in this process's memory without it (`pnpm dev`, a single machine).
 *
 * @example
 * const limiter = createRateLimiter({ upstash: env.upstash, prefix: 'prood:api' });
 * const decision = await limiter.hit('sessionCreation', tenantId);
 * if (!decision.allowed) throw rateLimitedError(decision);
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const redis =
    options.redis ??
    (options.upstash
      ? new Redis({ url: options.upstash.url, token: options.upstash.token })
      : null);
  if (!redis) return createInMemoryRateLimiter({ policies: options.policies ?? {} });
  const prefix = options.prefix ?? 'prood:ratelimit';
  const limiters = new Map<RateLimitPolicy, Ratelimit>();
  const limiterFor = (policy: RateLimitPolicy) => {
    let limiter = limiters.get(policy);
    if (!limiter) {
      const { limit, window } = { ...RATE_LIMIT_POLICIES[policy], ...options.policies?.[policy] };
      limiter = new Ratelimit({
        // the library types its client as @upstash/redis; it calls only evalsha/eval on it
        redis: redis as unknown as Redis,
        limiter: Ratelimit.slidingWindow(limit, window),
        prefix: `${prefix}:${policy}`,
        analytics: false,
        // an unreachable store must not take sign-in or checkout down with it
        timeout: 1_000,
      });
      limiters.set(policy, limiter);
    }
    return limiter;
  };
  return {
    async hit(policy, identifier) {
      const result = await limiterFor(policy).limit(identifier);
      return {
        allowed: result.success,
        limit: result.limit,
        remaining: result.remaining,
        reset: result.reset,
      };
    },
    async peek(policy, identifier) {
      const result = await limiterFor(policy).getRemaining(identifier);
      return {
        allowed: result.remaining > 0,
        limit: result.limit,
        remaining: result.remaining,
        reset: result.reset,
      };
    },
  };
}

/**
 * `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (seconds, as in the IETF
 * RateLimit header fields draft) and, when refused, `Retry-After`.
 */
export function rateLimitHeaders(decision: RateLimitDecision, now = Date.now()) {
  const resetSeconds = Math.max(0, Math.ceil((decision.reset - now) / 1000));
  return {
    'RateLimit-Limit': String(decision.limit),
    'RateLimit-Remaining': String(Math.max(0, decision.remaining)),
    'RateLimit-Reset': String(resetSeconds),
    ...(decision.allowed ? {} : { 'Retry-After': String(Math.max(1, resetSeconds)) }),
  };
}

/** The 429 for a refused decision, headers included. */
export function rateLimitedError(decision: RateLimitDecision): HttpError {
  const headers = rateLimitHeaders(decision);
  return new HttpError(
    'rate_limited',
    `Too many requests; retry in ${headers['Retry-After']} s.`,
    { retryAfter: Number(headers['Retry-After']) },
    headers,
  );
}

/**
 * The client's IP as the nearest proxy saw it: `x-real-ip` (Vercel, nginx), else the last
 * `x-forwarded-for` hop (the one our own server or proxy appended; earlier hops are the
 * client's to forge).
 */
export function clientIp(headers: Headers): string {
  const real = headers.get('x-real-ip')?.trim();
  if (real) return real;
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last || 'unknown';
}
