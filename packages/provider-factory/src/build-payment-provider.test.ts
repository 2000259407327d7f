import { randomBytes } from 'node:crypto';
import {
  canRefund,
  isProviderError,
  type PaymentProvider,
  type ProviderErrorCode,
} from '@prood/checkout';
import { createDatabase, type Database, getIntegration } from '@prood/db';
import { integrations } from '@prood/db/schema';
import { createTestTenant } from '@prood/db/testing';
import { type StripeFake, startStripeFake } from '@prood/stripe-fake';
import { newId } from '@prood/validators';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildPaymentProvider } from './build-payment-provider';
import { generateKeyringEntry, parseKeyring } from './credentials';
import { openIntegrationCredentials, sealIntegrationCredentials } from './integration-credentials';
import { createDrizzleSandboxStore } from './sandbox/drizzle-store';
import { submitSandboxCard } from './sandbox/page';
import { SANDBOX_CARD_SUCCEEDS } from './sandbox/test-cards';
import { drainSandboxEvents } from './sandbox/testing';
import { sandboxSecretFromDatabase } from './sandbox-secrets';

const keyring = parseKeyring(generateKeyringEntry('k1'));
const stripeCredentials = {
  secretKey: `sk_test_${randomBytes(16).toString('hex')}4242`,
  publishableKey: `pk_test_${randomBytes(16).toString('hex')}`,
  webhookSecret: `whsec_${randomBytes(16).toString('hex')}`,
};
const sandboxSecret = `whsec_${randomBytes(24).toString('base64')}`;

function expectCode(fn: () => unknown, code: ProviderErrorCode): string {
  try {
    fn();
  } catch (error) {
    if (!isProviderError(error)) throw error;
    expect(error.code).toBe(code);
    return error.message;
  }
  throw new Error(`expected ProviderError ${code}`);
}

let db: Database;
let fake: StripeFake;
beforeAll(async () => {
  db = createDatabase(inject('databaseUrl'), { max: 4 });
  fake = await startStripeFake();
});
afterAll(async () => {
  await fake.close();
  await db.$client.end();
});

async function insertIntegration(
  tenantId: string,
  provider: 'stripe' | 'sandbox',
  credentials: Record<string, string>,
  overrides: { enabled?: boolean; mode?: 'test' | 'live' } = {},
) {
  const sealed =
    provider === 'stripe'
      ? sealIntegrationCredentials(keyring, {
          tenantId,
          provider,
          credentials: credentials as typeof stripeCredentials,
        })
      : sealIntegrationCredentials(keyring, {
          tenantId,
          provider,
          credentials: { webhookSecret: credentials.webhookSecret ?? '' },
        });
  await db.insert(integrations).values({
    id: newId('integration'),
    tenantId,
    provider,
    ...sealed,
    mode: overrides.mode ?? sealed.mode,
    enabled: overrides.enabled ?? true,
  });
  const row = await getIntegration(db, { tenantId, provider });
  if (!row) throw new Error('integration row missing');
  return row;
}

describe('integration credentials', () => {
  it('seal → row → open round-trips, masked view hides the keys', async () => {
    const tenant = await createTestTenant(db);
    const row = await insertIntegration(tenant.id, 'stripe', stripeCredentials);
    expect(row.mode).toBe('test');
    expect(row.encryptedCredentials).not.toContain(stripeCredentials.secretKey);
    expect(JSON.parse(row.maskedCredentials)).toEqual({
      secretKey: 'sk_test_…4242',
      publishableKey: `pk_test_…${stripeCredentials.publishableKey.slice(-4)}`,
      webhookSecret: `whsec_…${stripeCredentials.webhookSecret.slice(-4)}`,
    });
    expect(openIntegrationCredentials(keyring, row).credentials).toEqual(stripeCredentials);
    // the row moved to another tenant no longer opens
    const other = await createTestTenant(db);
    expectCode(
      () => openIntegrationCredentials(keyring, { ...row, tenantId: other.id }),
      'invalid_credentials',
    );
    // flip one character inside the GCM tag (the last base64 character may carry only padding)
    const at = 30;
    const flipped = row.encryptedCredentials[at] === 'A' ? 'B' : 'A';
    expectCode(
      () =>
        openIntegrationCredentials(keyring, {
          ...row,
          encryptedCredentials: `${row.encryptedCredentials.slice(0, at)}${flipped}${row.encryptedCredentials.slice(at + 1)}`,
        }),
      'invalid_credentials',
    );
    // a rotated keyring still opens rows sealed with the old key
    const rotated = parseKeyring(
      `${generateKeyringEntry('k2')},k1:${keyring.primary.key.toString('base64')}`,
    );
    expect(openIntegrationCredentials(rotated, row).credentials).toEqual(stripeCredentials);
  });

  it('refuses malformed keys and mode mismatches without echoing them', () => {
    const seal = (credentials: Record<string, string>, mode?: 'test' | 'live') =>
      sealIntegrationCredentials(keyring, {
        tenantId: 'org_x',
        provider: 'stripe',
        credentials: credentials as typeof stripeCredentials,
        mode,
      });
    const bad = 'sk_wrong_0123456789abcdef';
    const message = expectCode(
      () => seal({ ...stripeCredentials, secretKey: bad }),
      'invalid_credentials',
    );
    expect(message).toContain('secretKey');
    expect(message).not.toContain(bad);
    expectCode(() => seal({ ...stripeCredentials, webhookSecret: 'nope' }), 'invalid_credentials');
    expectCode(
      () => seal({ ...stripeCredentials, publishableKey: stripeCredentials.secretKey }),
      'invalid_credentials',
    );
    const live = {
      ...stripeCredentials,
      secretKey: stripeCredentials.secretKey.replace('_test_', '_live_'),
    };
    const mismatch = expectCode(() => seal(live), 'mode_mismatch');
    expect(mismatch).not.toContain(live.secretKey);
    const bothLive = {
      ...live,
      publishableKey: stripeCredentials.publishableKey.replace('_test_', '_live_'),
    };
    expect(seal(bothLive).mode).toBe('live');
    expectCode(() => seal(bothLive, 'test'), 'mode_mismatch');
    const restricted = { ...stripeCredentials, secretKey: 'rk_test_0123456789abcdef' };
    expect(seal(restricted).mode).toBe('test');
    expectCode(
      () =>
        sealIntegrationCredentials(keyring, {
          tenantId: 'org_x',
          provider: 'sandbox',
          credentials: { webhookSecret: 'whsec_short' },
        }),
      'invalid_credentials',
    );
  });
});

describe('buildPaymentProvider', () => {
  it('builds a working sandbox provider from a stored row, state in Postgres', async () => {
    const tenant = await createTestTenant(db);
    const row = await insertIntegration(tenant.id, 'sandbox', { webhookSecret: sandboxSecret });
    const store = createDrizzleSandboxStore(db);
    const runtime = { store, checkoutBaseUrl: 'http://localhost:3004' };
    const provider: PaymentProvider = buildPaymentProvider(row, { keyring, sandbox: runtime });
    expect(provider).toMatchObject({ id: 'sandbox', mode: 'test' });
    expect(canRefund(provider)).toBe(true);
    const start = await provider.startPayment({
      tenantId: tenant.id,
      checkoutSessionId: newId('checkoutSession'),
      orderId: newId('order'),
      attempt: 1,
      amount: 2490,
      currency: 'EUR',
      mode: 'payment',
      lineItems: [{ name: 'House Blend', unitAmount: 2490, quantity: 1 }],
      successUrl: 'http://localhost:3004/ok',
      cancelUrl: 'http://localhost:3004/cancel',
      expiresAt: new Date(Date.now() + 30 * 60_000),
    });
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    // the page looks the session up by id alone, as the checkout app does
    const paid = await submitSandboxCard(runtime, {
      sandboxSessionId: start.providerSessionId,
      cardNumber: SANDBOX_CARD_SUCCEEDS,
    });
    expect(paid.outcome).toBe('succeeded');
    const again = buildPaymentProvider(row, { keyring, sandbox: runtime });
    expect(
      await again.retrievePayment({ providerSessionId: start.providerSessionId }),
    ).toMatchObject({
      status: 'complete',
      paymentStatus: 'paid',
      amount: 2490,
    });
    expect(
      await drainSandboxEvents(store, provider, { tenantId: tenant.id, secret: sandboxSecret }),
    ).toEqual([
      expect.objectContaining({ type: 'payment.succeeded', providerPaymentId: paid.paymentId }),
    ]);
    expect(await sandboxSecretFromDatabase(db, keyring)(tenant.id)).toBe(sandboxSecret);
    const stranger = await createTestTenant(db);
    expect(await sandboxSecretFromDatabase(db, keyring)(stranger.id)).toBeUndefined();
  });

  it('builds a working Stripe provider from a stored row, SDK pointed at the fake', async () => {
    const tenant = await createTestTenant(db);
    const row = await insertIntegration(tenant.id, 'stripe', stripeCredentials);
    const provider = buildPaymentProvider(row, {
      keyring,
      stripe: { host: fake.host, port: fake.port, protocol: fake.protocol, maxNetworkRetries: 0 },
    });
    expect(provider).toMatchObject({ id: 'stripe', mode: 'test' });
    const start = await provider.startPayment({
      tenantId: tenant.id,
      checkoutSessionId: newId('checkoutSession'),
      orderId: newId('order'),
      attempt: 1,
      amount: 1000,
      currency: 'EUR',
      mode: 'payment',
      lineItems: [{ name: 'Mug', unitAmount: 1000, quantity: 1 }],
      successUrl: 'http://localhost:3004/ok',
      cancelUrl: 'http://localhost:3004/cancel',
      expiresAt: new Date(Date.now() + 60 * 60_000),
    });
    expect(start).toMatchObject({
      kind: 'redirect',
      providerSessionId: expect.stringMatching(/^cs_test_/),
    });
  });

  it('throws unknown_provider, provider_disabled and mode_mismatch as typed errors', async () => {
    const tenant = await createTestTenant(db);
    const row = await insertIntegration(tenant.id, 'sandbox', { webhookSecret: sandboxSecret });
    const runtime = {
      store: createDrizzleSandboxStore(db),
      checkoutBaseUrl: 'http://localhost:3004',
    };
    expectCode(
      () => buildPaymentProvider({ ...row, provider: 'paypal' }, { keyring }),
      'unknown_provider',
    );
    expectCode(
      () => buildPaymentProvider({ ...row, enabled: false }, { keyring, sandbox: runtime }),
      'provider_disabled',
    );
    expectCode(
      () => buildPaymentProvider({ ...row, mode: 'live' }, { keyring, sandbox: runtime }),
      'mode_mismatch',
    );
    expectCode(() => buildPaymentProvider(row, { keyring }), 'provider_unavailable');

    const other = await createTestTenant(db);
    const stripeRow = await insertIntegration(other.id, 'stripe', stripeCredentials, {
      mode: 'live',
    });
    expectCode(() => buildPaymentProvider(stripeRow, { keyring }), 'mode_mismatch');
  });
});
