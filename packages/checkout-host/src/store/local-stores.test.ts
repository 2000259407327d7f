import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySessionStore } from './memory-store';
import { createSqliteSessionStore } from './sqlite-store';
import type { SessionStore, SessionWrite } from './types';

function write(id: string, version: number, ttlMs = 60_000): SessionWrite {
  return { id, version, json: JSON.stringify({ id, version }), ttlMs, expiry: null };
}

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'prood-sqlite-'));
  dirs.push(dir);
  return join(dir, 'sessions.sqlite');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['memory', (clock: () => number) => createMemorySessionStore({ clock })],
  ['sqlite', (clock: () => number) => createSqliteSessionStore({ path: tempFile(), clock })],
] as Array<[string, (clock: () => number) => SessionStore]>)('%s store TTL', (_name, make) => {
  it('hides a key past its TTL and lets its id be created again', async () => {
    let now = 1_000_000;
    const store = make(() => now);
    expect(await store.create(write('cs_a', 1, 5_000))).toBe(true);
    expect(await store.create(write('cs_a', 1, 5_000))).toBe(false);
    now += 4_999;
    expect(await store.get('cs_a')).not.toBeNull();
    now += 1;
    expect(await store.get('cs_a')).toBeNull();
    expect(await store.compareAndSet(write('cs_a', 2), 1)).toEqual({ status: 'missing' });
    expect(await store.create(write('cs_a', 1))).toBe(true);
    await store.close();
  });
});

describe('sqlite store shared by two instances (as two processes would)', () => {
  it('sees the other instance’s writes and conflicts with it', async () => {
    const path = tempFile();
    const a = createSqliteSessionStore({ path });
    const b = createSqliteSessionStore({ path });
    expect(await a.create(write('cs_shared', 1))).toBe(true);
    expect(JSON.parse((await b.get('cs_shared')) ?? 'null')).toEqual({
      id: 'cs_shared',
      version: 1,
    });
    expect(await b.compareAndSet(write('cs_shared', 2), 1)).toEqual({ status: 'saved' });
    expect(await a.compareAndSet(write('cs_shared', 2), 1)).toEqual({
      status: 'conflict',
      actualVersion: 2,
    });
    await a.close();
    // survives a restart: a fresh instance on the same file still has it
    const c = createSqliteSessionStore({ path });
    expect(JSON.parse((await c.get('cs_shared')) ?? 'null')).toEqual({
      id: 'cs_shared',
      version: 2,
    });
    await b.close();
    await c.close();
  });
});
