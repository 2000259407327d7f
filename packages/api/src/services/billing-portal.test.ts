import { randomBytes } from 'node:crypto';
import { canManageCustomers } from '@prood/checkout';
import { createDatabase, type Database, getIntegration, insertApiKey } from '@prood/db';
import { organizations, providerCustomers, subscriptions } from '@prood/db/schema';
import { createTestTenant } from '@prood/db/testing';
import { buildPaymentProvider, createMemorySandboxStore } from '@prood/provider-factory';
import { type StripeFake, startStripeFake } from '@prood/stripe-fake';
import { newId } from '@prood/validators';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../logger';
import { connectTestIntegration, testKeyring } from '../payments/testing';
import { restEndpoints } from '../rest/endpoints';
import { createRestApi } from '../rest/router';
import { recordDocumentedStatuses, testRateLimiter } from '../testing/documented-statuses';
import { serveFetchHandler } from '../testing/http';

let db: Database;
let fake: StripeFake;
let server: Awaited<ReturnType<typeof serveFetchHandler>>;

async function tenantWithKey(provider: 'stripe' | 'sandbox') {
  const tenant = await createTestTenant(db);
  await db
    .update(organizations)
    .set({ allowedOrigins: ['https://shop.example'] })
    .where(eq(organizations.id, tenant.id));
  await connectTestIntegration(db, {
    tenantId: tenant.id,
    provider,
    credentials:
      provider === 'stripe'
        ? {
            secretKey: `sk_test_${randomBytes(16).toString('hex')}`,
            publishableKey: `pk_test_${randomBytes(16).toString('hex')}`,
            webhookSecret: `whsec_${randomBytes(16).toString('hex')}`,
          }
        : { webhookSecret: `whsec_${randomBytes(24).toString('base64')}` },
  });
  const { secret } = await insertApiKey(db, { tenantId: tenant.id, name: 't', mode: 'test' });
  return { tenantId: tenant.id, key: secret };
}

const resolveProvider = async (tenantId: string, providerId: string) => {
  const integration = await getIntegration(db, { tenantId, provider: providerId });
  if (!integration) throw new Error('no integration');
  return buildPaymentProvider(integration, {
    keyring: testKeyring,
    stripe: { host: fake.host, port: fake.port, protocol: fake.protocol },
    sandbox: { store: createMemorySandboxStore(), checkoutBaseUrl: 'http://localhost:3004' },
  });
};

async function customerOf(tenantId: string, provider: 'stripe' | 'sandbox') {
  let providerCustomerId = `sbx_cus_${randomBytes(6).toString('hex')}`;
  if (provider === 'stripe') {
    const p = await resolveProvider(tenantId, 'stripe');
    if (!canManageCustomers(p)) throw new Error('stripe must manage customers');
    ({ providerCustomerId } = await p.getOrCreateCustomer({
      tenantId,
      email: 'ada@example.com',
      customerRef: 'cust_ref',
    }));
  }
  const id = newId('customer');
  await db
    .insert(providerCustomers)
    .values({ id, tenantId, provider, email: 'ada@example.com', providerCustomerId });
  return id;
}

const documented = recordDocumentedStatuses();

beforeAll(async () => {
  db = createDatabase(inject('databaseUrl'), { max: 4 });
  fake = await startStripeFake();
  const api = createRestApi(restEndpoints, {
    rateLimiter: testRateLimiter(),
    onResponse: documented.record,
    db,
    logger: createLogger({ level: 'silent' }),
    checkoutApp: {
      createSession: () => Promise.reject(new Error('unused')),
      getSession: () => Promise.reject(new Error('unused')),
      createPaymentLink: () => Promise.reject(new Error('unused')),
      cancelSession: () => Promise.reject(new Error('unused')),
    },
    payments: {
      resolveProvider,
      jobs: { enqueue: () => Promise.reject(new Error('no jobs here')) },
    },
    cartTtlMs: 60_000,
  });
  server = await serveFetchHandler(api.handle);
});

afterAll(async () => {
  await server.close();
  await fake.close();
  await db.$client.end();
});

async function portal(key: string, customerId: string, returnUrl = 'https://shop.example/account') {
  const res = await fetch(`${server.url}/v1/customers/${customerId}/billing-portal`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ returnUrl }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { url?: string; error?: { code: string } },
  };
}

describe('POST /v1/customers/{id}/billing-portal', () => {
  it('returns the provider portal for a Stripe customer, with a checked return URL', async () => {
    const stripe = await tenantWithKey('stripe');
    const customerId = await customerOf(stripe.tenantId, 'stripe');
    const ok = await portal(stripe.key, customerId);
    expect(ok.status).toBe(200);
    expect(ok.body.url).toMatch(/^https:\/\//);
    expect((await portal(stripe.key, customerId, 'https://evil.example/')).body.error?.code).toBe(
      'invalid_redirect_url',
    );
  });

  it('says so where the provider has no portal, and hides other tenants’ customers', async () => {
    const sandbox = await tenantWithKey('sandbox');
    const sandboxCustomer = await customerOf(sandbox.tenantId, 'sandbox');
    expect(await portal(sandbox.key, sandboxCustomer)).toMatchObject({
      status: 422,
      body: { error: { code: 'billing_portal_not_supported' } },
    });
    const other = await tenantWithKey('stripe');
    const othersCustomer = await customerOf(other.tenantId, 'stripe');
    expect((await portal(sandbox.key, othersCustomer)).status).toBe(404);
    expect((await portal(sandbox.key, 'cust_nope')).status).toBe(404);
  });

  it('lists only the tenant’s own subscriptions, with the customer id for the portal', async () => {
    const stripe = await tenantWithKey('stripe');
    const other = await tenantWithKey('stripe');
    const customerId = await customerOf(stripe.tenantId, 'stripe');
    for (const [tenantId, cust] of [
      [stripe.tenantId, customerId],
      [other.tenantId, null],
    ] as const) {
      await db.insert(subscriptions).values({
        id: newId('subscription'),
        tenantId,
        provider: 'stripe',
        providerSubscriptionId: `sub_${randomBytes(6).toString('hex')}`,
        status: 'active',
        customerId: cust,
      });
    }
    const res = await fetch(`${server.url}/v1/subscriptions`, {
      headers: { authorization: `Bearer ${stripe.key}` },
    });
    const body = (await res.json()) as { data: Array<{ customerId: string | null }> };
    expect(body.data).toHaveLength(1);
    expect(body.data[0]?.customerId).toBe(customerId);
  });
});
