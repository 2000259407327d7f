import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type PaymentProvider, ProviderError } from '@prood/checkout';
import {
  createMemorySandboxStore,
  createSandboxProvider,
  SANDBOX_WEBHOOK_TIMEOUT_MS,
  signSandboxWebhook,
} from '@prood/provider-factory';
import { newId, randomBase62 } from '@prood/validators';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FORWARD_TIMEOUT_MS, hostEnv, MAX_FORWARD_TIMEOUT_MS } from './env';
import { receiveProviderWebhook } from './receive-webhook';
import { createCheckoutSession, loadAndHydrate, loadSession, saveSession } from './sessions';
import { createMemorySessionStore } from './store/memory-store';
import type { SessionStore } from './store/types';

const CHECKOUT_SECRET = 'c'.repeat(40);

interface Forwarded {
  url: string | undefined;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

/** A stand-in commerce API that records what it receives and answers `status`. */
async function startApi(status = 200): Promise<{ url: string; received: Forwarded[] }> {
  const received: Forwarded[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(status < 300 ? '{"received":true}' : '{"error":{"code":"x","message":"x"}}');
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

let store: SessionStore;
let tenantId: string;
let secret: string;
let provider: PaymentProvider;

beforeEach(() => {
  store = createMemorySessionStore();
  tenantId = newId('organization');
  secret = `whsec_${randomBytes(24).toString('base64')}`;
  provider = createSandboxProvider({
    tenantId,
    credentials: { webhookSecret: secret },
    runtime: { store: createMemorySandboxStore(), checkoutBaseUrl: 'http://localhost:3004' },
  });
});

/** A session at the payment step, as the shopper leaves it for the provider's page. */
async function sessionAtPayment(): Promise<string> {
  const { id } = await createCheckoutSession(
    {
      orderId: newId('order'),
      amount: 1000,
      currency: 'EUR',
      tenantId,
      returnUrl: 'https://shop.example/thanks',
      customerInfo: { email: 'ada@example.com' },
      fulfillment: 'digital',
      provider: 'sandbox',
    },
    { store },
  );
  const session = await loadAndHydrate(id, () => provider, { store });
  session.start().submitInfo({ email: 'ada@example.com' });
  await saveSession(id, session.toSnapshot(), { store });
  return id;
}

async function moveSession(
  id: string,
  step: (s: Awaited<ReturnType<typeof loadAndHydrate>>) => void,
) {
  const session = await loadAndHydrate(id, () => provider, { store });
  step(session);
  await saveSession(id, session.toSnapshot(), { store });
}

function signedEvent(
  type: string,
  checkoutSessionId: string,
  options: { signWith?: string; eventTenant?: string } = {},
) {
  const id = `evt_sbx_${randomBase62(24)}`;
  const payload = JSON.stringify({
    id,
    object: 'event',
    type,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    tenant_id: options.eventTenant ?? tenantId,
    data: {
      checkout_session_id: checkoutSessionId,
      session_id: 'sbx_cs_1',
      payment_id: 'sbx_pay_1',
      amount: 1000,
      currency: 'EUR',
    },
  });
  const headers = signSandboxWebhook({
    secret: options.signWith ?? secret,
    id,
    timestamp: new Date(),
    payload,
  });
  return { id, payload, headers };
}

function deliver(
  event: { payload: string | Uint8Array; headers: Record<string, string> },
  options: {
    apiUrl: string;
    provider?: string;
    orgId?: string;
    resolveProvider?: (tenantId: string, providerId: string) => Promise<PaymentProvider>;
  },
) {
  const request = new Request('http://checkout.test/api/webhooks/x/y', {
    method: 'POST',
    headers: { ...event.headers, 'content-type': 'application/json' },
    body: event.payload,
  });
  return receiveProviderWebhook(
    { provider: options.provider ?? 'sandbox', orgId: options.orgId ?? tenantId, request },
    {
      resolveProvider:
        options.resolveProvider ??
        (async (org, providerId) => {
          if (org !== tenantId || providerId !== 'sandbox') {
            throw new ProviderError('provider_disabled', 'not connected', { provider: providerId });
          }
          return provider;
        }),
      forward: { commerceApiUrl: options.apiUrl, secret: CHECKOUT_SECRET, timeoutMs: 2000 },
      store,
    },
  );
}

describe('receiveProviderWebhook', () => {
  it('verifies, completes the session and forwards the exact bytes with the signature headers', async () => {
    const api = await startApi();
    const sessionId = await sessionAtPayment();
    const event = signedEvent('payment.succeeded', sessionId);

    const response = await deliver(event, { apiUrl: api.url });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    expect((await loadSession(sessionId, { store }))?.state).toBe('complete');
    expect(api.received).toHaveLength(1);
    const [forwarded] = api.received;
    expect(forwarded?.url).toBe(`/webhooks/payments/sandbox?org=${tenantId}`);
    expect(forwarded?.body.toString('utf8')).toBe(event.payload);
    expect(forwarded?.headers['x-checkout-secret']).toBe(CHECKOUT_SECRET);
    expect(forwarded?.headers['x-provider-event-id']).toBe(event.id);
    expect(forwarded?.headers['webhook-signature']).toBe(event.headers['webhook-signature']);
    expect(forwarded?.headers['webhook-timestamp']).toBe(event.headers['webhook-timestamp']);
  });

  it('a success wins after an earlier decline; a late decline does not undo it', async () => {
    const api = await startApi();
    const sessionId = await sessionAtPayment();
    await moveSession(sessionId, (s) => s.markFailed());

    await deliver(signedEvent('payment.succeeded', sessionId), { apiUrl: api.url });
    expect((await loadSession(sessionId, { store }))?.state).toBe('complete');

    const late = await deliver(signedEvent('payment.failed', sessionId), { apiUrl: api.url });
    expect(late.status).toBe(200);
    expect((await loadSession(sessionId, { store }))?.state).toBe('complete');
    // the API still hears about every event: it is the record of payments, not the session
    expect(api.received).toHaveLength(2);
  });

  it('expiry after completion changes nothing; before it, the session expires', async () => {
    const api = await startApi();
    const done = await sessionAtPayment();
    await moveSession(done, (s) => s.markSucceeded());
    await deliver(signedEvent('checkout.expired', done), { apiUrl: api.url });
    expect((await loadSession(done, { store }))?.state).toBe('complete');

    const open = await sessionAtPayment();
    await deliver(signedEvent('checkout.expired', open), { apiUrl: api.url });
    expect((await loadSession(open, { store }))?.state).toBe('expired');
  });

  it('20 identical deliveries at once: every one answered 200, the session completed once', async () => {
    const api = await startApi();
    const sessionId = await sessionAtPayment();
    const before = (await loadSession(sessionId, { store }))?.version ?? 0;
    const event = signedEvent('payment.succeeded', sessionId);

    const responses = await Promise.all(
      Array.from({ length: 20 }, () => deliver(event, { apiUrl: api.url })),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const after = await loadSession(sessionId, { store });
    expect(after?.state).toBe('complete');
    expect(after?.version).toBe(before + 1);
  });

  it("leaves another tenant's session alone", async () => {
    const api = await startApi();
    const sessionId = await sessionAtPayment();
    // signed correctly for an org whose id names a session it does not own
    const otherTenant = newId('organization');
    const otherSecret = `whsec_${randomBytes(24).toString('base64')}`;
    const other = createSandboxProvider({
      tenantId: otherTenant,
      credentials: { webhookSecret: otherSecret },
      runtime: { store: createMemorySandboxStore(), checkoutBaseUrl: 'http://localhost:3004' },
    });
    const event = signedEvent('payment.succeeded', sessionId, {
      signWith: otherSecret,
      eventTenant: otherTenant,
    });
    const response = await deliver(event, {
      apiUrl: api.url,
      orgId: otherTenant,
      resolveProvider: async () => other,
    });
    expect(response.status).toBe(200);
    expect((await loadSession(sessionId, { store }))?.state).toBe('payment');
  });

  describe('refused: nothing moved, nothing forwarded', () => {
    it.each([
      ['forged signature', 'forged', 400],
      ['one byte changed', 'tampered', 400],
      ['signature headers missing', 'unsigned', 400],
      ["signed with the tenant's secret, for another tenant's URL", 'other-org', 404],
      ['unknown provider', 'paypal', 404],
      ['provider not connected', 'stripe', 404],
    ] as const)('%s (%s) → %i', async (_label, kind, status) => {
      const api = await startApi();
      const sessionId = await sessionAtPayment();
      const event = signedEvent('payment.succeeded', sessionId);
      let payload: string | Uint8Array = event.payload;
      let headers: Record<string, string> = event.headers;
      let orgId = tenantId;
      let providerParam = 'sandbox';
      switch (kind) {
        case 'forged':
          headers = signedEvent('payment.succeeded', sessionId, {
            signWith: `whsec_${randomBytes(24).toString('base64')}`,
          }).headers;
          headers = { ...event.headers, 'webhook-signature': headers['webhook-signature'] ?? '' };
          break;
        case 'tampered': {
          const bytes = Buffer.from(event.payload);
          const at = event.payload.indexOf('1000');
          bytes[at] = (bytes[at] ?? 0) + 1;
          payload = new Uint8Array(bytes);
          break;
        }
        case 'unsigned':
          headers = {};
          break;
        case 'other-org':
          orgId = newId('organization');
          break;
        case 'paypal':
          providerParam = 'paypal';
          break;
        case 'stripe':
          providerParam = 'stripe';
          break;
      }
      const response = await deliver(
        { payload, headers },
        { apiUrl: api.url, orgId, provider: providerParam },
      );
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error?: { code?: string } }).error?.code).toBeTypeOf(
        'string',
      );
      // nothing forwarded; a verification failure only sends the API a note without the body
      const forwarded = api.received.filter((r) => !r.url?.includes('/rejections'));
      expect(forwarded).toHaveLength(0);
      const notes = api.received.filter((r) => r.url?.includes('/rejections'));
      expect(notes).toHaveLength(status === 400 ? 1 : 0);
      for (const note of notes) {
        expect(JSON.parse(note.body.toString())).toEqual({
          reason: expect.stringMatching(/^webhook_/),
          bytes: typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength,
        });
      }
      expect((await loadSession(sessionId, { store }))?.state).toBe('payment');
    });
  });

  it('answers 503 when the provider cannot be built right now (the provider retries)', async () => {
    const api = await startApi();
    const event = signedEvent('payment.succeeded', await sessionAtPayment());
    const response = await deliver(event, {
      apiUrl: api.url,
      resolveProvider: async () => {
        throw new ProviderError('provider_unavailable', 'keyring not loaded', {
          provider: 'sandbox',
        });
      },
    });
    expect(response.status).toBe(503);
    expect(api.received).toHaveLength(0);
  });

  it.each([
    ['the API answers 500', 500],
    ['the API refuses the shared secret (401)', 401],
  ])('answers 503 when %s, so the provider retries', async (_label, apiStatus) => {
    const api = await startApi(apiStatus);
    const event = signedEvent('payment.succeeded', await sessionAtPayment());
    const response = await deliver(event, { apiUrl: api.url });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'forward_failed',
    );
    expect(api.received).toHaveLength(1);
  });

  it('moves the session only after the API stored the event: a 503 leaves it unpaid (issue 12, defect 4)', async () => {
    const api = await startApi(503);
    const sessionId = await sessionAtPayment();
    const event = signedEvent('payment.succeeded', sessionId);
    const response = await deliver(event, { apiUrl: api.url });
    expect(response.status).toBe(503);
    expect((await loadSession(sessionId, { store }))?.state).toBe('payment');
  });

  it('forwards and acknowledges the event while the session store is down (issue 12, defect 4)', async () => {
    const api = await startApi();
    const sessionId = await sessionAtPayment();
    const down = (): Promise<never> => Promise.reject(new Error('session store unreachable'));
    store = { ...store, get: down, compareAndSet: down, create: down };
    const event = signedEvent('payment.succeeded', sessionId);
    const response = await deliver(event, { apiUrl: api.url });
    expect(response.status).toBe(200);
    expect(api.received).toHaveLength(1);
    expect(api.received[0]?.body.toString('utf8')).toBe(event.payload);
  });

  it('a hung API is answered 503 well before the provider stops waiting (issue 12, defect 9)', async () => {
    // the receiver's budget is at most half of what the sender waits, whatever the env says
    expect(hostEnv.CHECKOUT_FORWARD_TIMEOUT_MS).toBe(DEFAULT_FORWARD_TIMEOUT_MS);
    expect(MAX_FORWARD_TIMEOUT_MS * 2).toBeLessThanOrEqual(SANDBOX_WEBHOOK_TIMEOUT_MS);
    const hung = createServer(() => {
      /* never answers */
    });
    servers.push(hung);
    await new Promise<void>((r) => hung.listen(0, '127.0.0.1', r));
    const apiUrl = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`;
    const event = signedEvent('payment.succeeded', await sessionAtPayment());
    const request = new Request('http://checkout.test/api/webhooks/sandbox/x', {
      method: 'POST',
      headers: { ...event.headers, 'content-type': 'application/json' },
      body: event.payload,
    });
    // the sender's own clock: it gives up after SANDBOX_WEBHOOK_TIMEOUT_MS
    const answer = await Promise.race([
      receiveProviderWebhook(
        { provider: 'sandbox', orgId: tenantId, request },
        {
          resolveProvider: async () => provider,
          forward: { commerceApiUrl: apiUrl, secret: CHECKOUT_SECRET },
          store,
        },
      ),
      new Promise<'sender timed out'>((r) =>
        setTimeout(() => r('sender timed out'), SANDBOX_WEBHOOK_TIMEOUT_MS).unref(),
      ),
    ]);
    expect(answer).not.toBe('sender timed out');
    expect((answer as Response).status).toBe(503);
  }, 15_000);

  it('answers 503 when the API is unreachable', async () => {
    const api = await startApi();
    const down = api.url;
    await new Promise<void>((resolve) => {
      const server = servers.pop();
      server?.closeAllConnections();
      server?.close(() => resolve());
    });
    const event = signedEvent('payment.succeeded', await sessionAtPayment());
    const response = await deliver(event, { apiUrl: down });
    expect(response.status).toBe(503);
  });
});
