import { randomBytes } from 'node:crypto';
import { integrations } from '@prood/db/schema';
import { type StripeFake, signStripeEvent, startStripeFake } from '@prood/stripe-fake';
import { TRPCClientError } from '@trpc/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createPaymentsHarness,
  type IngestAnswer,
  type PaymentsHarness,
  serveRecordingIngest,
  serveWebhookReceiver,
  testKeyring,
} from '../payments/testing';
import { serveDashboardApi, signUpMerchant } from '../testing/dashboard-api';
import { testRateLimiter } from '../testing/documented-statuses';

/**
 * Connecting Stripe registers the tenant's webhook endpoint through Stripe's API (here its
 * fake, which treats the loopback host as reachable): the endpoint points at the checkout
 * app's receiver, and a webhook Stripe signs for it is accepted there and reaches the API.
 */
let fake: StripeFake;
let h: PaymentsHarness;
let ingest: Awaited<ReturnType<typeof serveRecordingIngest>>;
let receiver: Awaited<ReturnType<typeof serveWebhookReceiver>>;
let dashboard: Awaited<ReturnType<typeof serveDashboardApi>>;
const answers: IngestAnswer[] = [];

beforeAll(async () => {
  fake = await startStripeFake({ reachableHosts: ['127.0.0.1'] });
  h = await createPaymentsHarness(inject('databaseUrl'), {
    providers: { apiBaseUrls: { stripe: fake.url } },
  });
  ingest = await serveRecordingIngest(h.deps, answers);
  receiver = await serveWebhookReceiver(() => ({
    resolveProvider: h.deps.resolveProvider,
    forward: { commerceApiUrl: ingest.url, secret: h.checkoutSecret },
  }));
  dashboard = await serveDashboardApi(h.db, testRateLimiter(), {
    providerApiUrls: { stripe: fake.url },
    keyring: testKeyring,
    checkoutUrl: receiver.url,
  });
});
afterAll(async () => {
  await dashboard?.close();
  await receiver?.close();
  await ingest?.close();
  await h?.close();
  await fake?.close();
});

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const keys = () => ({ secretKey: `sk_test_${hex(12)}`, publishableKey: `pk_test_${hex(12)}` });
const endpointsFor = (tenantId: string) =>
  [...fake.state.webhookEndpoints.values()].filter(
    (each) => (each.metadata as Record<string, string>).tenant_id === tenantId,
  );

async function apiError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCClientError)) throw new Error(`expected a tRPC error: ${error}`);
  return {
    appCode: error.data?.appCode as string | null,
    details: error.data?.details as Record<string, unknown> | null,
    message: error.message,
  };
}

/** Posts a Stripe event to the receiver URL, signed with `secret`, as Stripe delivers it. */
async function deliver(url: string, secret: string) {
  const event = fake.createEvent('customer.created', { id: `cus_${hex(6)}`, object: 'customer' });
  const { payload, header } = signStripeEvent(event, secret);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': header },
    body: payload,
  });
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
  return { status: response.status, code: body.error?.code };
}

describe('connecting Stripe registers its webhook endpoint', () => {
  it('registers at the tenant’s receiver URL, seals the secret, and Stripe’s signed webhooks are accepted', async () => {
    const a = await signUpMerchant(dashboard.url, 'hook-reg');
    const url = `${receiver.url}/api/webhooks/stripe/${a.tenantId}`;
    const connected = await a.client.settings.connectIntegration.mutate({
      provider: 'stripe',
      // the signing secret left empty; a client's "url" is not ours to use
      credentials: { ...keys(), webhookSecret: '', url: 'https://evil.example/hook' },
    });
    const [endpoint, ...others] = endpointsFor(a.tenantId);
    expect(others).toEqual([]);
    expect(endpoint?.url).toBe(url);
    expect(connected.webhookEndpoints).toEqual([{ action: 'registered', id: endpoint?.id }]);
    expect(connected.credentials.webhookEndpointId).toBe(endpoint?.id);
    const secret = String(endpoint?.secret);
    const listed = await a.client.settings.integrations.query();
    expect(JSON.stringify(listed)).not.toContain(secret);
    const [row] = await h.db
      .select()
      .from(integrations)
      .where(eq(integrations.tenantId, a.tenantId));
    expect(row?.encryptedCredentials).not.toContain(secret.slice(6));

    // Stripe delivers to the endpoint it knows, signed with the secret it returned
    const before = answers.length;
    const delivered = await deliver(String(endpoint?.url), secret);
    expect(delivered.status).toBe(200);
    expect(answers.slice(before).map((each) => each.status)).toEqual([200]);
    // a webhook signed with another secret is refused at the receiver (only counted, not stored)
    const forged = await deliver(String(endpoint?.url), `whsec_${hex(16)}`);
    expect(forged).toEqual({ status: 400, code: 'webhook_signature_invalid' });
  });

  it('connecting twice leaves one endpoint, and the newest secret is the one that verifies', async () => {
    const a = await signUpMerchant(dashboard.url, 'hook-twice');
    const typed = keys();
    await a.client.settings.connectIntegration.mutate({ provider: 'stripe', credentials: typed });
    const first = endpointsFor(a.tenantId)[0];
    await a.client.settings.connectIntegration.mutate({ provider: 'stripe', credentials: typed });
    const now = endpointsFor(a.tenantId);
    expect(now).toHaveLength(1);
    expect(now[0]?.id).not.toBe(first?.id);
    expect((await deliver(String(now[0]?.url), String(now[0]?.secret))).status).toBe(200);
    // the replaced endpoint's secret no longer verifies anything for this tenant
    expect((await deliver(String(now[0]?.url), String(first?.secret))).status).toBe(400);
  });

  it('falls back to the URL and a typed secret when Stripe refuses, with Stripe’s words and nothing saved', async () => {
    const a = await signUpMerchant(dashboard.url, 'hook-refused');
    const restricted = { ...keys(), secretKey: `rk_test_${hex(12)}` };
    const refused = await apiError(
      a.client.settings.connectIntegration.mutate({ provider: 'stripe', credentials: restricted }),
    );
    expect(refused.appCode).toBe('webhook_endpoint_refused');
    expect(refused.message).toContain("'rak_webhook_read' permission");
    expect(refused.details).toMatchObject({
      provider: 'stripe',
      webhookUrl: `${receiver.url}/api/webhooks/stripe/${a.tenantId}`,
    });
    expect(await a.client.settings.integrations.query()).toEqual([]);
    // the merchant sets the endpoint up by hand and types its secret: saved, nothing registered
    const typedSecret = `whsec_${hex(16)}`;
    const saved = await a.client.settings.connectIntegration.mutate({
      provider: 'stripe',
      credentials: { ...restricted, webhookSecret: typedSecret },
    });
    expect(saved.webhookEndpoints).toEqual([]);
    expect(saved.credentials.webhookEndpointId).toBeUndefined();
    expect(endpointsFor(a.tenantId)).toEqual([]);
    const url = `${receiver.url}/api/webhooks/stripe/${a.tenantId}`;
    expect((await deliver(url, typedSecret)).status).toBe(200);
  });

  it('a fake key is refused in Stripe’s words before any endpoint is made', async () => {
    const strict = await startStripeFake({ apiKeys: ['sk_test_onlyThisKey00000'] });
    const strictApi = await serveDashboardApi(h.db, testRateLimiter(), {
      providerApiUrls: { stripe: strict.url },
      checkoutUrl: 'https://checkout.example',
    });
    try {
      const a = await signUpMerchant(strictApi.url, 'hook-fake-key');
      const refused = await apiError(
        a.client.settings.connectIntegration.mutate({ provider: 'stripe', credentials: keys() }),
      );
      expect(refused).toMatchObject({
        appCode: 'provider_credentials_rejected',
        message: 'Invalid API Key provided.',
      });
      expect(strict.state.webhookEndpoints.size).toBe(0);
    } finally {
      await strictApi.close();
      await strict.close();
    }
  });

  it('removing the integration deletes the endpoint it registered, and says when it could not', async () => {
    const a = await signUpMerchant(dashboard.url, 'hook-remove');
    await a.client.settings.connectIntegration.mutate({ provider: 'stripe', credentials: keys() });
    const [endpoint] = endpointsFor(a.tenantId);
    const removed = await a.client.settings.removeIntegration.mutate({ provider: 'stripe' });
    expect(removed.webhookEndpoint).toEqual({ action: 'deleted', id: endpoint?.id });
    expect(endpointsFor(a.tenantId)).toEqual([]);

    // Stripe down: the integration still goes, and the page is told the endpoint stayed
    await a.client.settings.connectIntegration.mutate({ provider: 'stripe', credentials: keys() });
    const [second] = endpointsFor(a.tenantId);
    fake.injectFailure({
      status: 500,
      error: { type: 'api_error', message: 'An unknown error occurred' },
      pathPrefix: '/v1/webhook_endpoints/',
      times: 3,
    });
    const kept = await a.client.settings.removeIntegration.mutate({ provider: 'stripe' });
    expect(kept.webhookEndpoint).toMatchObject({ action: 'not_deleted', id: second?.id });
    expect(await a.client.settings.integrations.query()).toEqual([]);
  });

  it('replacing registered keys with typed ones deletes the endpoint we made', async () => {
    const a = await signUpMerchant(dashboard.url, 'hook-manual');
    const typed = keys();
    await a.client.settings.connectIntegration.mutate({ provider: 'stripe', credentials: typed });
    const [endpoint] = endpointsFor(a.tenantId);
    const saved = await a.client.settings.connectIntegration.mutate({
      provider: 'stripe',
      credentials: { ...typed, webhookSecret: `whsec_${hex(16)}` },
    });
    expect(saved.webhookEndpoints).toEqual([{ action: 'deleted', id: endpoint?.id }]);
    expect(endpointsFor(a.tenantId)).toEqual([]);
  });
});
