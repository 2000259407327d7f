import { randomUUID } from 'node:crypto';
import { redisUrlOrSkip } from '@prood/vitest-config/env';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstashBridge, type UpstashBridge } from './bridge';

const redisUrl = redisUrlOrSkip('upstash-bridge (real @upstash/redis client through the bridge)');

describe.skipIf(!redisUrl)('upstash bridge with the real @upstash/redis client', () => {
  let bridge: UpstashBridge;
  let client: Redis;
  const prefix = `bridge-test:${randomUUID()}:`;

  beforeAll(async () => {
    bridge = await startUpstashBridge({ redisUrl: redisUrl ?? '', token: 'test-token' });
    client = new Redis({ url: bridge.url, token: bridge.token, enableTelemetry: false });
  });
  afterAll(async () => {
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
    await bridge.close();
  });

  it('runs single commands with base64 responses decoded by the client', async () => {
    expect(await client.set(`${prefix}a`, 'héllo ✓ 🚀')).toBe('OK');
    expect(await client.get(`${prefix}a`)).toBe('héllo ✓ 🚀');
    expect(await client.get(`${prefix}missing`)).toBeNull();
    expect(await client.incr(`${prefix}n`)).toBe(1);
    expect(await client.set(`${prefix}obj`, { x: 1 })).toBe('OK');
    expect(await client.get(`${prefix}obj`)).toEqual({ x: 1 });
    expect(await client.expire(`${prefix}a`, 100)).toBe(1);
    expect(await client.ttl(`${prefix}a`)).toBeGreaterThan(90);
  });

  it('speaks the plain (non-base64) mode too', async () => {
    const plain = new Redis({
      url: bridge.url,
      token: bridge.token,
      responseEncoding: false,
      enableTelemetry: false,
    });
    await plain.set(`${prefix}p`, 'plain text');
    expect(await plain.get(`${prefix}p`)).toBe('plain text');
  });

  it('runs EVAL and EVALSHA, falling back on NOSCRIPT', async () => {
    expect(await client.eval('return {1, ARGV[1], KEYS[1]}', [`${prefix}k`], ['x'])).toEqual([
      1,
      'x',
      `${prefix}k`,
    ]);
    const script = client.createScript<string>(`return 'v-${randomUUID()}'`);
    await expect(script.evalsha([], [])).rejects.toThrow(/NOSCRIPT/);
    expect(await script.exec([], [])).toMatch(/^v-/);
    expect(await script.evalsha([], [])).toMatch(/^v-/);
    const sha = await client.scriptLoad('return 42');
    expect(await client.evalsha(sha, [], [])).toBe(42);
  });

  it('runs scripts by sha once seen, read-only scripts, and Upstash-only flags', async () => {
    const tag = randomUUID();
    const flagged = client.createScript<string>(
      `#!lua flags=allow-key-locking\nreturn redis.call('GET', KEYS[1]) or 'none-${tag}'`,
    );
    expect(await flagged.exec([`${prefix}f`], [])).toBe(`none-${tag}`);
    // the second call goes by sha alone, to the script with the flag Redis refuses dropped
    expect(await flagged.evalsha([`${prefix}f`], [])).toBe(`none-${tag}`);
    // a script Redis has never seen (the tag makes it new)
    const readonly = client.createScript<string, true>(`return '${tag}:' .. #KEYS`, {
      readonly: true,
    });
    await expect(readonly.evalshaRo([`${prefix}r`], [])).rejects.toThrow(/NOSCRIPT/);
    expect(await readonly.exec([`${prefix}r`], [])).toBe(`${tag}:1`);
    expect(await readonly.evalshaRo([`${prefix}r`], [])).toBe(`${tag}:1`);
    // a read-only script may not write, on Upstash as on Redis
    await expect(
      client.evalRo(`return redis.call('SET', KEYS[1], 'x')`, [`${prefix}w`], []),
    ).rejects.toThrow();
  });

  it('runs pipelines and multi-exec, with per-command errors', async () => {
    const p = client.pipeline();
    p.set(`${prefix}p1`, 'one');
    p.get(`${prefix}p1`);
    p.incr(`${prefix}p1`);
    const results = await p.exec({ keepErrors: true });
    expect(results[0]?.result).toBe('OK');
    expect(results[1]?.result).toBe('one');
    expect(results[2]?.error).toMatch(/not an integer/);

    const tx = client.multi();
    tx.set(`${prefix}m1`, '1');
    tx.incr(`${prefix}m1`);
    expect(await tx.exec()).toEqual(['OK', 2]);
  });

  it('returns Redis errors as { error } with HTTP 400', async () => {
    await client.set(`${prefix}s`, 'text');
    await expect(client.incr(`${prefix}s`)).rejects.toThrow(/not an integer/);
  });

  it('refuses a wrong or missing token with 401', async () => {
    const wrong = await fetch(bridge.url, {
      method: 'POST',
      headers: { authorization: 'Bearer nope' },
      body: JSON.stringify(['PING']),
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: 'Unauthorized' });
    const none = await fetch(bridge.url, { method: 'POST', body: JSON.stringify(['PING']) });
    expect(none.status).toBe(401);
    const ok = await fetch(bridge.url, {
      method: 'POST',
      headers: { authorization: 'Bearer test-token' },
      body: JSON.stringify(['PING']),
    });
    expect(await ok.json()).toEqual({ result: 'PONG' });
  });
});
