import { randomBytes } from 'node:crypto';
import { isProviderError } from '@prood/checkout';
import { createDatabase, type Database, getIntegration } from '@prood/db';
import { integrations } from '@prood/db/schema';
import { createTestTenant } from '@prood/db/testing';
import { newId } from '@prood/validators';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateKeyringEntry, parseKeyring } from './credentials';
import { sealIntegrationCredentials } from './integration-credentials';
import { createProviderCache } from './provider-cache';
import { createDrizzleSandboxStore } from './sandbox/drizzle-store';
import { createTenantProviderResolver } from './tenant-resolver';

const keyring = parseKeyring(generateKeyringEntry('k1'));
let db: Database;
beforeAll(() => {
  db = createDatabase(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db.$client.end();
});

async function connectSandbox(tenantId: string) {
  const sealed = sealIntegrationCredentials(keyring, {
    tenantId,
    provider: 'sandbox',
    credentials: { webhookSecret: `whsec_${randomBytes(24).toString('base64')}` },
  });
  await db
    .insert(integrations)
    .values({ id: newId('integration'), tenantId, provider: 'sandbox', ...sealed });
}

const resolverFor = (cache = createProviderCache()) =>
  createTenantProviderResolver(
    db,
    { keyring, sandbox: { store: createDrizzleSandboxStore(db), checkoutBaseUrl: 'http://x' } },
    { cache },
  );

describe('createTenantProviderResolver', () => {
  it('builds once per integration version and rebuilds after any change of the row', async () => {
    const tenant = await createTestTenant(db);
    await connectSandbox(tenant.id);
    const resolve = resolverFor();
    const first = await resolve(tenant.id, 'sandbox');
    expect(await resolve(tenant.id, 'sandbox')).toBe(first);
    const row = await getIntegration(db, { tenantId: tenant.id, provider: 'sandbox' });
    expect(await resolve(tenant.id, 'sandbox', row)).toBe(first);

    // a re-save of the same credentials is still a change: the trigger moves the version
    const scope = and(eq(integrations.tenantId, tenant.id), eq(integrations.provider, 'sandbox'));
    await db.update(integrations).set({ updatedAt: new Date() }).where(scope);
    const after = await getIntegration(db, { tenantId: tenant.id, provider: 'sandbox' });
    expect(after?.version).toBe((row?.version ?? 0) + 1);
    const rebuilt = await resolve(tenant.id, 'sandbox');
    expect(rebuilt).not.toBe(first);

    // disabled: refused at once, never served from the cache
    await db.update(integrations).set({ enabled: false }).where(scope);
    const refused = await resolve(tenant.id, 'sandbox').catch((error: unknown) => error);
    expect(isProviderError(refused) && refused.code).toBe('provider_disabled');
  });

  it('never uses a row handed in for another tenant', async () => {
    const a = await createTestTenant(db);
    const b = await createTestTenant(db);
    await connectSandbox(a.id);
    const rowOfA = await getIntegration(db, { tenantId: a.id, provider: 'sandbox' });
    const refused = await resolverFor()(b.id, 'sandbox', rowOfA).catch((e: unknown) => e);
    expect(isProviderError(refused) && refused.code).toBe('provider_disabled');
  });

  it('keeps at most maxEntries providers, dropping the least recently used', async () => {
    const cache = createProviderCache({ maxEntries: 2 });
    const resolve = resolverFor(cache);
    const tenants = [
      await createTestTenant(db),
      await createTestTenant(db),
      await createTestTenant(db),
    ];
    for (const t of tenants) await connectSandbox(t.id);
    const [t0, t1, t2] = tenants.map((t) => t.id) as [string, string, string];
    const p0 = await resolve(t0, 'sandbox');
    const p1 = await resolve(t1, 'sandbox');
    expect(await resolve(t0, 'sandbox')).toBe(p0); // t0 is now the most recent
    await resolve(t2, 'sandbox'); // evicts t1
    expect(cache.size).toBe(2);
    expect(await resolve(t0, 'sandbox')).toBe(p0);
    expect(await resolve(t1, 'sandbox')).not.toBe(p1);
  });
});
