import { randomUUID } from 'node:crypto';
import { startUpstashBridge, type UpstashBridge } from '@prood/upstash-bridge';
import { redisUrlOrSkip } from '@prood/vitest-config/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientIp,
  createInMemoryRateLimiter,
  createRateLimiter,
  type RateLimiter,
  rateLimitedError,
  rateLimitHeaders,
} from '.';

// The same behaviour from both stores the platform runs on.
function behavesLikeARateLimiter(name: string, makeLimiter: () => RateLimiter) {
  describe(name, () => {
    it('lets `limit` hits through in a burst, refuses the rest, and counts per identifier', async () => {
      const limiter = makeLimiter();
      const id = randomUUID();
      const decisions = await Promise.all(
        Array.from({ length: 30 }, () => limiter.hit('shopperPay', id)),
      );
      expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
      expect(decisions.filter((d) => !d.allowed)).toHaveLength(20);
      const refused = decisions.find((d) => !d.allowed);
      expect(refused?.limit).toBe(10);
      expect(refused?.reset).toBeGreaterThan(Date.now());
      // another session is untouched
      expect((await limiter.hit('shopperPay', randomUUID())).allowed).toBe(true);
    });

    it('peek looks without counting', async () => {
      const limiter = makeLimiter();
      const id = randomUUID();
      for (let i = 0; i < 5; i += 1) await limiter.peek('shopperCoupon', id);
      expect((await limiter.peek('shopperCoupon', id)).remaining).toBe(10);
      await limiter.hit('shopperCoupon', id);
      expect((await limiter.peek('shopperCoupon', id)).remaining).toBe(9);
    });
  });
}

behavesLikeARateLimiter('in-memory store (pnpm dev)', () =>
  createRateLimiter({ prefix: `test:${randomUUID()}` }),
);

const redisUrl = redisUrlOrSkip('rate limits on Upstash Redis');
describe.skipIf(!redisUrl)('Upstash Redis (through the REST bridge to a real Redis)', () => {
  let bridge: UpstashBridge;
  beforeAll(async () => {
    bridge = await startUpstashBridge({ redisUrl: redisUrl as string, token: 'test-token' });
  });
  afterAll(() => bridge?.close());
  behavesLikeARateLimiter('the real @upstash/redis client', () =>
    createRateLimiter({
      upstash: { url: bridge.url, token: bridge.token },
      prefix: `test:${randomUUID()}`,
    }),
  );
});

describe('in-memory sliding window', () => {
  it('weighs the previous window by its overlap, as Upstash does, and forgets after two windows', async () => {
    let time = 60_000 * 100; // the start of a window
    const limiter = createInMemoryRateLimiter({ now: () => time });
    for (let i = 0; i < 10; i += 1)
      expect((await limiter.hit('shopperPay', 's')).allowed).toBe(true);
    expect((await limiter.hit('shopperPay', 's')).allowed).toBe(false);
    // a quarter into the next window, 75 % of the last one's 10 hits still count: 3 slots left
    time += 60_000 + 15_000;
    expect((await limiter.peek('shopperPay', 's')).remaining).toBe(3);
    expect((await limiter.hit('shopperPay', 's')).allowed).toBe(true);
    expect((await limiter.hit('shopperPay', 's')).allowed).toBe(true);
    expect((await limiter.hit('shopperPay', 's')).allowed).toBe(true);
    const refused = await limiter.hit('shopperPay', 's');
    expect(refused).toMatchObject({ allowed: false, remaining: 0, reset: 60_000 * 102 });
    time += 120_000;
    expect((await limiter.peek('shopperPay', 's')).remaining).toBe(10);
  });

  it('keeps at most maxKeys identifiers', async () => {
    const limiter = createInMemoryRateLimiter({ maxKeys: 3 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) await limiter.hit('shopperPay', id);
    // the oldest were dropped to make room; the newest still counts
    expect((await limiter.peek('shopperPay', 'e')).remaining).toBe(9);
    expect((await limiter.peek('shopperPay', 'a')).remaining).toBe(10);
  });
});

describe('429 shape', () => {
  it('carries Retry-After and RateLimit-* headers in the error envelope', async () => {
    const now = Date.now();
    const decision = { allowed: false, limit: 10, remaining: 0, reset: now + 42_500 };
    expect(rateLimitHeaders(decision, now)).toEqual({
      'RateLimit-Limit': '10',
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': '43',
      'Retry-After': '43',
    });
    const response = rateLimitedError(decision).toResponse();
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await response.json()).toMatchObject({ error: { code: 'rate_limited' } });
  });

  it('takes the IP the nearest proxy saw, not one the client wrote first', () => {
    expect(clientIp(new Headers({ 'x-forwarded-for': '6.6.6.6, 10.0.0.7' }))).toBe('10.0.0.7');
    expect(clientIp(new Headers({ 'x-real-ip': '1.2.3.4', 'x-forwarded-for': '6.6.6.6' }))).toBe(
      '1.2.3.4',
    );
  });
});
