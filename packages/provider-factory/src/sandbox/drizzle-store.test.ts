import { createDatabase, type Database } from '@prood/db';
import { createTestTenant } from '@prood/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDrizzleSandboxStore } from './drizzle-store';
import { createMemorySandboxStore, type SandboxStore } from './store';

let db: Database;
beforeAll(() => {
  db = createDatabase(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db.$client.end();
});

describe.each([
  ['drizzle', () => createDrizzleSandboxStore(db)],
  ['memory', () => createMemorySandboxStore()],
] as const)('%s sandbox store', (_name, makeStore) => {
  let store: SandboxStore;
  beforeAll(() => {
    store = makeStore();
  });

  it('inserts once, swaps by revision, scopes by tenant and kind, finds by contents', async () => {
    const tenant = await createTestTenant(db);
    const other = await createTestTenant(db);
    const id = `sbx_pay_${tenant.id.slice(-10)}`;
    expect(
      await store.insert({
        id,
        tenantId: tenant.id,
        kind: 'payment',
        data: { status: 'processing', n: 1 },
      }),
    ).toBe(true);
    expect(
      await store.insert({ id, tenantId: tenant.id, kind: 'payment', data: { status: 'other' } }),
    ).toBe(false);
    const loaded = await store.get<{ status: string; n: number }>('payment', id, tenant.id);
    expect(loaded).toMatchObject({
      id,
      tenantId: tenant.id,
      rev: 1,
      data: { status: 'processing', n: 1 },
    });
    expect(await store.get('payment', id, other.id)).toBeUndefined();
    expect(await store.get('session', id)).toBeUndefined();
    if (!loaded) return;
    expect(await store.update('payment', loaded, { status: 'succeeded', n: 2 })).toBe(true);
    // a second writer holding the old revision loses
    expect(await store.update('payment', loaded, { status: 'failed', n: 3 })).toBe(false);
    expect(await store.get('payment', id)).toMatchObject({
      rev: 2,
      data: { status: 'succeeded', n: 2 },
    });
    expect(
      await store.find('payment', { tenantId: tenant.id, match: { status: 'succeeded' } }),
    ).toHaveLength(1);
    expect(
      await store.find('payment', { tenantId: tenant.id, match: { status: 'processing' } }),
    ).toHaveLength(0);
    expect(await store.find('payment', { tenantId: other.id })).toHaveLength(0);
  });
});
