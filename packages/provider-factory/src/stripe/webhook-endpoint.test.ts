import { randomBytes } from 'node:crypto';
import { isProviderError } from '@prood/checkout';
import { requestsTo, type StripeFake, signStripeEvent, startStripeFake } from '@prood/stripe-fake';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  providerWebhookEndpoints,
  registerProviderWebhookEndpoint,
  removeProviderWebhookEndpoint,
} from '../registry';
import { parseStripeWebhook } from './webhooks';

const tenantId = 'org_stripeHook00000000001';
const url = `https://checkout.example/api/webhooks/stripe/${tenantId}`;
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const typed = () => ({ secretKey: `sk_test_${hex(12)}`, publishableKey: `pk_test_${hex(12)}` });

let fake: StripeFake;
let environment: { apiBaseUrl: string };
beforeAll(async () => {
  fake = await startStripeFake();
  environment = { apiBaseUrl: fake.url };
});
afterAll(() => fake.close());

async function failure(promise: Promise<unknown>) {
  const caught = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!isProviderError(caught)) throw new Error(`expected a ProviderError, got ${String(caught)}`);
  return caught;
}

describe('Stripe webhook endpoint registration (registry capability, Stripe fake)', () => {
  it('registers the endpoint for the mapped events and returns credentials that verify its webhooks', async () => {
    const keys = typed();
    const { credentials, endpointId } = await registerProviderWebhookEndpoint('stripe', keys, {
      tenantId,
      url,
      environment,
    });
    expect(endpointId).toMatch(/^we_/);
    expect(credentials).toMatchObject({ ...keys, webhookEndpointId: endpointId });
    const stored = fake.state.webhookEndpoints.get(endpointId);
    expect(stored).toMatchObject({ url, metadata: { tenant_id: tenantId } });
    expect(stored?.secret).toBe(credentials.webhookSecret);
    // a webhook Stripe signs with that endpoint's secret passes our verification
    const event = fake.createEvent('customer.created', { id: 'cus_x', object: 'customer' });
    const { payload, header } = signStripeEvent(event, String(credentials.webhookSecret));
    const request = { rawBody: payload, headers: { 'stripe-signature': header }, tenantId };
    const options = { tenantId, mode: 'test' as const };
    expect(() =>
      parseStripeWebhook(request, { ...options, webhookSecret: String(credentials.webhookSecret) }),
    ).not.toThrow();
    expect(() =>
      parseStripeWebhook(request, { ...options, webhookSecret: `whsec_${hex(16)}` }),
    ).toThrow();
    await removeProviderWebhookEndpoint('stripe', credentials, environment);
  });

  it('connecting twice leaves one endpoint: the earlier one at the same URL is replaced', async () => {
    const keys = typed();
    const first = await registerProviderWebhookEndpoint('stripe', keys, {
      tenantId,
      url,
      environment,
    });
    const second = await registerProviderWebhookEndpoint('stripe', keys, {
      tenantId,
      url,
      environment,
    });
    expect(second.endpointId).not.toBe(first.endpointId);
    const ours = [...fake.state.webhookEndpoints.values()].filter(
      (each) =>
        each.url === url && (each.metadata as Record<string, string>).tenant_id === tenantId,
    );
    expect(ours.map((each) => each.id)).toEqual([second.endpointId]);
    // another tenant's endpoint in the same account is left alone
    const other = await registerProviderWebhookEndpoint('stripe', keys, {
      tenantId: 'org_otherTenant0000000001',
      url: 'https://checkout.example/api/webhooks/stripe/org_otherTenant0000000001',
      environment,
    });
    await registerProviderWebhookEndpoint('stripe', keys, { tenantId, url, environment });
    expect(fake.state.webhookEndpoints.has(other.endpointId)).toBe(true);
  });

  it('refuses a fake key with Stripe’s own words before creating anything', async () => {
    const strict = await startStripeFake({ apiKeys: ['sk_test_onlyThisOne0000'] });
    try {
      const before = requestsTo(strict.state, 'POST', '/v1/webhook_endpoints').length;
      const error = await failure(
        registerProviderWebhookEndpoint('stripe', typed(), {
          tenantId,
          url,
          environment: { apiBaseUrl: strict.url },
        }),
      );
      expect(error.code).toBe('invalid_credentials');
      expect(error.message).toBe('Invalid API Key provided.');
      expect(requestsTo(strict.state, 'POST', '/v1/webhook_endpoints').length).toBe(before);
    } finally {
      await strict.close();
    }
  });

  it('passes on Stripe’s refusal in words: a restricted key without the permission, a local URL', async () => {
    const restricted = await failure(
      registerProviderWebhookEndpoint(
        'stripe',
        { secretKey: `rk_test_${hex(12)}`, publishableKey: `pk_test_${hex(12)}` },
        { tenantId, url, environment },
      ),
    );
    expect(restricted.code).toBe('invalid_request');
    expect(restricted.message).toContain("'rak_webhook_read' permission");
    const local = await failure(
      registerProviderWebhookEndpoint('stripe', typed(), {
        tenantId,
        url: `http://localhost:3004/api/webhooks/stripe/${tenantId}`,
        environment,
      }),
    );
    expect(local.code).toBe('invalid_request');
    expect(local.message).toContain('URL must be publicly accessible');
  });

  it('refuses keys of two modes before asking Stripe', async () => {
    const error = await failure(
      registerProviderWebhookEndpoint(
        'stripe',
        { secretKey: `sk_live_${hex(12)}`, publishableKey: `pk_test_${hex(12)}` },
        { tenantId, url, environment },
      ),
    );
    expect(error.code).toBe('mode_mismatch');
  });

  it('removal deletes the endpoint it registered, and one already gone counts as deleted', async () => {
    const { credentials, endpointId } = await registerProviderWebhookEndpoint('stripe', typed(), {
      tenantId,
      url,
      environment,
    });
    expect(await removeProviderWebhookEndpoint('stripe', credentials, environment)).toBe(
      endpointId,
    );
    expect(fake.state.webhookEndpoints.has(endpointId)).toBe(false);
    expect(await removeProviderWebhookEndpoint('stripe', credentials, environment)).toBe(
      endpointId,
    );
    // credentials typed by hand (no endpoint of ours): nothing to delete
    expect(
      await removeProviderWebhookEndpoint(
        'stripe',
        { ...typed(), webhookSecret: `whsec_${hex(16)}` },
        environment,
      ),
    ).toBeNull();
    expect(providerWebhookEndpoints('sandbox')).toBeNull();
  });
});
