import type { RateLimitDecision, RateLimiter } from './index';
import { RATE_LIMIT_POLICIES, type RateLimitPolicy } from './policies';

type Window = `${number} ${'s' | 'm' | 'h'}`;
type Policies = Partial<Record<RateLimitPolicy, { limit: number; window: Window }>>;

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;

function windowMs(window: Window): number {
  const [amount, unit] = window.split(' ') as [string, keyof typeof UNIT_MS];
  return Number(amount) * UNIT_MS[unit];
}

interface Counter {
  /** Index of the fixed window `current` counts in (now / windowMs, floored). */
  window: number;
  current: number;
  previous: number;
}

/**
 * The embedded store under `pnpm dev` and `pnpm start` without Upstash: the same sliding window
 * as `@upstash/ratelimit`'s (this window's hits plus the previous window's, weighted by how much
 * of it still overlaps), counted in a Map in this process. Hand-written because the library's
 * algorithms are Lua scripts that need a Redis; running them in a JavaScript Lua VM cost about
 * 40 % of the API's CPU per request (issue 13's profile). Right for one machine; several
 * instances share their counts through Upstash instead.
 *
 * Memory stays bounded: counters whose windows have both passed are dropped once the map holds
 * `maxKeys`, and if every counter is still live the oldest are dropped (a limit then forgets an
 * identifier early, never refuses one wrongly).
 */
export function createInMemoryRateLimiter(
  options: { policies?: Policies; now?: () => number; maxKeys?: number } = {},
): RateLimiter {
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 50_000;
  const counters = new Map<string, Counter>();

  function prune(time: number) {
    for (const [key, counter] of counters) {
      const [policy] = key.split('\0') as [RateLimitPolicy];
      if (counter.window < Math.floor(time / settings(policy).ms) - 1) counters.delete(key);
    }
    for (const key of counters.keys()) {
      if (counters.size < maxKeys) break;
      counters.delete(key);
    }
  }

  function settings(policy: RateLimitPolicy) {
    const { limit, window } = { ...RATE_LIMIT_POLICIES[policy], ...options.policies?.[policy] };
    return { limit, ms: windowMs(window) };
  }

  function decide(policy: RateLimitPolicy, identifier: string, count: boolean): RateLimitDecision {
    const { limit, ms } = settings(policy);
    const time = now();
    const index = Math.floor(time / ms);
    const key = `${policy}\0${identifier}`;
    let counter = counters.get(key);
    if (!counter || counter.window < index - 1) {
      counter = { window: index, current: 0, previous: 0 };
    } else if (counter.window === index - 1) {
      counter = { window: index, current: 0, previous: counter.current };
    }
    const overlap = 1 - (time % ms) / ms;
    const used = Math.floor(counter.previous * overlap) + counter.current;
    const allowed = used < limit;
    if (count && allowed) counter.current += 1;
    if (count || counters.has(key)) {
      if (!counters.has(key) && counters.size >= maxKeys) prune(time);
      counters.set(key, counter);
    }
    return {
      allowed: count ? allowed : used < limit,
      limit,
      remaining: Math.max(0, limit - used - (count && allowed ? 1 : 0)),
      reset: (index + 1) * ms,
    };
  }

  return {
    async hit(policy, identifier) {
      return decide(policy, identifier, true);
    },
    async peek(policy, identifier) {
      return decide(policy, identifier, false);
    },
  };
}
