import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deliverPendingSandboxWebhooks,
  sandboxRetryDelayMs,
  startSandboxWorkerLoop,
} from './delivery';
import type { SandboxDelivery } from './model';
import { submitSandboxCard } from './page';
import { createSandboxProvider } from './provider';
import { createMemorySandboxStore, type SandboxStore } from './store';
import { SANDBOX_CARD_SUCCEEDS } from './test-cards';

const tenantId = 'org_deliveryTenant0000001';
const secret = `whsec_${randomBytes(24).toString('base64')}`;

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describe('sandbox webhook delivery', () => {
  const received: Received[] = [];
  const statuses: number[] = [];
  let baseUrl = '';
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(statuses.shift() ?? 200).end();
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts signed events to the checkout app, retries a 500 with backoff, stops after success', async () => {
    const store = createMemorySandboxStore();
    let clock = new Date('2030-01-01T00:00:00Z');
    const runtime = { store, checkoutBaseUrl: baseUrl, now: () => clock };
    const provider = createSandboxProvider({
      tenantId,
      credentials: { webhookSecret: secret },
      runtime,
    });
    const start = await provider.startPayment({
      tenantId,
      checkoutSessionId: 'cs_delivery0000000000001',
      orderId: 'ord_delivery000000000001',
      attempt: 1,
      amount: 1200,
      currency: 'EUR',
      mode: 'payment',
      lineItems: [{ name: 'Mug', unitAmount: 1200, quantity: 1 }],
      successUrl: `${baseUrl}/ok`,
      cancelUrl: `${baseUrl}/cancel`,
      expiresAt: new Date(clock.getTime() + 30 * 60_000),
    });
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    await submitSandboxCard(runtime, {
      sandboxSessionId: start.providerSessionId,
      cardNumber: SANDBOX_CARD_SUCCEEDS,
    });

    const secrets: string[] = [];
    const deliver = () =>
      deliverPendingSandboxWebhooks({
        store,
        resolveWebhookSecret: async (tenant) => {
          secrets.push(tenant);
          return secret;
        },
        now: () => clock,
      });

    statuses.push(500);
    expect(await deliver()).toEqual({ attempted: 1, delivered: 0, retrying: 1, failed: 0 });
    expect(received).toHaveLength(1);
    const [delivery] = await store.find<SandboxDelivery>('delivery', { tenantId });
    expect(delivery?.data).toMatchObject({ status: 'pending', attempts: 1, lastStatus: 500 });
    expect(delivery?.data.nextAttemptAt).toBe(
      new Date(clock.getTime() + sandboxRetryDelayMs(1)).toISOString(),
    );

    // not due yet: nothing is sent
    clock = new Date(clock.getTime() + sandboxRetryDelayMs(1) - 1);
    expect(await deliver()).toEqual({ attempted: 0, delivered: 0, retrying: 0, failed: 0 });
    clock = new Date(clock.getTime() + 1);
    expect(await deliver()).toEqual({ attempted: 1, delivered: 1, retrying: 0, failed: 0 });
    expect(received).toHaveLength(2);
    clock = new Date(clock.getTime() + 3_600_000);
    expect(await deliver()).toEqual({ attempted: 0, delivered: 0, retrying: 0, failed: 0 });
    expect(received).toHaveLength(2);
    expect(secrets).toEqual([tenantId, tenantId]);

    for (const request of received) {
      expect(request.url).toBe(`/api/webhooks/sandbox/${tenantId}`);
      expect(request.headers['content-type']).toBe('application/json');
      const verified = new Webhook(secret).verify(
        request.body,
        request.headers as Record<string, string>,
      );
      expect(verified).toMatchObject({
        type: 'payment.succeeded',
        tenant_id: tenantId,
        livemode: false,
      });
    }
    // same event id and body on every retry: the receiver dedupes on it
    expect(received[0]?.headers['webhook-id']).toBe(received[1]?.headers['webhook-id']);
    expect(received[0]?.body).toBe(received[1]?.body);
    const [done] = await store.find<SandboxDelivery>('delivery', { tenantId });
    expect(done?.data).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200 });
  });

  it('gives up after maxAttempts and when the tenant has no sandbox secret', async () => {
    const store = createMemorySandboxStore();
    const clock = new Date();
    const runtime = { store, checkoutBaseUrl: baseUrl, now: () => clock };
    const provider = createSandboxProvider({
      tenantId,
      credentials: { webhookSecret: secret },
      runtime,
    });
    await provider.getOrCreateCustomer({ tenantId, email: 'a@example.com', customerRef: 'cust_1' });
    const start = await provider.startPayment({
      tenantId,
      checkoutSessionId: 'cs_delivery0000000000002',
      orderId: 'ord_delivery000000000002',
      attempt: 1,
      amount: 100,
      currency: 'EUR',
      mode: 'payment',
      lineItems: [{ name: 'Sticker', unitAmount: 100, quantity: 1 }],
      successUrl: `${baseUrl}/ok`,
      cancelUrl: `${baseUrl}/cancel`,
      expiresAt: new Date(clock.getTime() + 60_000),
    });
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    await provider.expireSession(start.providerSessionId);
    const before = received.length;
    const result = await deliverPendingSandboxWebhooks({
      store,
      resolveWebhookSecret: async () => undefined,
      now: () => clock,
      maxAttempts: 1,
    });
    expect(result).toEqual({ attempted: 1, delivered: 0, retrying: 0, failed: 1 });
    expect(received.length).toBe(before);
    const [failed] = await store.find<SandboxDelivery>('delivery', { tenantId });
    expect(failed?.data).toMatchObject({
      status: 'failed',
      lastError: 'no sandbox integration for this tenant',
    });
  });

  it('the worker loop sends a just-queued webhook before it sweeps for due async payments', async () => {
    const memory = createMemorySandboxStore();
    // the sweep's read of processing payments is slow (a busy database): it must not hold up
    // the webhook of the payment that just happened
    let releaseSweep: () => void = () => {};
    const sweepBlocked = new Promise<void>((resolve) => {
      releaseSweep = resolve;
    });
    const store: SandboxStore = {
      ...memory,
      find: async (kind, query) => {
        if (kind === 'payment') await sweepBlocked;
        return memory.find(kind, query);
      },
    };
    const runtime = { store, checkoutBaseUrl: baseUrl };
    const provider = createSandboxProvider({
      tenantId,
      credentials: { webhookSecret: secret },
      runtime,
    });
    const start = await provider.startPayment({
      tenantId,
      checkoutSessionId: 'cs_delivery0000000000003',
      orderId: 'ord_delivery000000000003',
      attempt: 1,
      amount: 500,
      currency: 'EUR',
      mode: 'payment',
      lineItems: [{ name: 'Cup', unitAmount: 500, quantity: 1 }],
      successUrl: `${baseUrl}/ok`,
      cancelUrl: `${baseUrl}/cancel`,
      expiresAt: new Date(Date.now() + 60_000),
    });
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    await submitSandboxCard(runtime, {
      sandboxSessionId: start.providerSessionId,
      cardNumber: SANDBOX_CARD_SUCCEEDS,
    });
    const before = received.length;
    const loop = startSandboxWorkerLoop({ runtime, resolveWebhookSecret: async () => secret });
    try {
      await expect.poll(() => received.length, { timeout: 5_000, interval: 10 }).toBe(before + 1);
      const event = new Webhook(secret).verify(
        received[before]?.body ?? '',
        received[before]?.headers as Record<string, string>,
      );
      expect(event).toMatchObject({ type: 'payment.succeeded', tenant_id: tenantId });
    } finally {
      releaseSweep();
      await loop.stop();
    }
  });
});
