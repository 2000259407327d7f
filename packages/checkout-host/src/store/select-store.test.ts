import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const dirs: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// env modules read process.env once at import: stub first, then import afresh
async function storeFor(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'prood-select-'));
  dirs.push(dir);
  vi.stubEnv('PROOD_DATA_DIR', dir);
  for (const name of [
    'UPSTASH_REDIS_REST_URL',
    'UPSTASH_REDIS_REST_TOKEN',
    'KV_REST_API_URL',
    'KV_REST_API_TOKEN',
    'CHECKOUT_SESSION_STORE',
    'CHECKOUT_SESSION_DB',
  ]) {
    vi.stubEnv(name, env[name] ?? '');
  }
  vi.resetModules();
  const { createSessionStoreFromEnv } = await import('./select-store');
  return { dir, create: () => createSessionStoreFromEnv() };
}

describe('store chosen by the environment', () => {
  it('defaults to the SQLite file under the data dir', async () => {
    const { dir, create } = await storeFor({});
    const store = create();
    expect(store.kind).toBe('sqlite');
    expect(existsSync(join(dir, 'sessions.sqlite'))).toBe(true);
    await store.close();
  });

  it('uses Upstash with either the Upstash or the Vercel KV names', async () => {
    const upstash = await storeFor({
      UPSTASH_REDIS_REST_URL: 'https://example.upstash.io',
      UPSTASH_REDIS_REST_TOKEN: 'token',
    });
    expect(upstash.create().kind).toBe('upstash');
    const kv = await storeFor({ KV_REST_API_URL: 'https://kv.example', KV_REST_API_TOKEN: 't' });
    expect(kv.create().kind).toBe('upstash');
  });

  it('names the missing half of a credential pair', async () => {
    const half = await storeFor({ UPSTASH_REDIS_REST_URL: 'https://example.upstash.io' });
    expect(() => half.create()).toThrow(/UPSTASH_REDIS_REST_TOKEN/);
    const forced = await storeFor({ CHECKOUT_SESSION_STORE: 'upstash' });
    expect(() => forced.create()).toThrow(/UPSTASH_REDIS_REST_URL/);
  });
});
