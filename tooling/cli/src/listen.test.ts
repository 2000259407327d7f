import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPaymentWebhookHandler } from '@prood/api';
import { createRestApi, restEndpoints } from '@prood/api/rest';
import {
  createPayableOrder,
  createPaymentsHarness,
  createSandboxTenant,
  type PaymentsHarness,
  payWithSandboxCard,
  pendingSandboxDeliveries,
  type SandboxTenant,
  serveFetchHandler,
  startWebhookReceiver,
  unreachableCheckout,
} from '@prood/api/testing';
import pino from 'pino';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { listenForEvents } from './listen';

let h: PaymentsHarness;
let api: Awaited<ReturnType<typeof serveFetchHandler>>;
let ingest: Awaited<ReturnType<typeof serveFetchHandler>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let tenant: SandboxTenant;

beforeAll(async () => {
  h = await createPaymentsHarness(inject('databaseUrl'));
  const rest = createRestApi(restEndpoints, {
    db: h.db,
    logger: pino({ level: 'silent' }),
    checkoutApp: unreachableCheckout,
    payments: { resolveProvider: h.deps.resolveProvider, jobs: h.deps.jobs },
    cartTtlMs: 3_600_000,
  });
  api = await serveFetchHandler(rest.handle);
  ingest = await serveFetchHandler(createPaymentWebhookHandler(h.deps));
  receiver = await startWebhookReceiver();
  tenant = await createSandboxTenant(h.db);
});
afterAll(async () => {
  await receiver?.close();
  await ingest?.close();
  await api?.close();
  await h?.close();
});

/** Pays an order on the sandbox and hands its webhook to the API, as the checkout app would. */
async function payAnOrder() {
  const order = await createPayableOrder(h.db, tenant.tenantId);
  await payWithSandboxCard(h, order);
  const pending = await pendingSandboxDeliveries(h, tenant);
  for (const delivery of pending.filter((d) => d.type === 'payment.succeeded')) {
    const res = await fetch(`${ingest.url}/webhooks/payments/sandbox?org=${tenant.tenantId}`, {
      method: 'POST',
      headers: delivery.headers(),
      body: delivery.payload,
    });
    expect(res.status).toBe(200);
  }
  return order;
}

describe('pnpm prood listen', () => {
  it('forwards a real paid order’s event, signed with the printed secret; nothing from before it started', async () => {
    const before = await payAnOrder();
    const lines: string[] = [];
    const listener = listenForEvents({
      apiUrl: api.url,
      apiKey: tenant.apiKey,
      forwardTo: `${receiver.url}/webhooks`,
      pollIntervalMs: 50,
      log: (line) => lines.push(line),
    });
    try {
      await listener.ready;
      expect(listener.secret).toMatch(/^whsec_/);
      const order = await payAnOrder();
      await receiver.waitUntil(() => receiver.received.some((r) => r.body.includes(order.id)));
      const forwarded = receiver.received.map((r) => {
        const event = new Webhook(listener.secret).verify(r.body, {
          'webhook-id': String(r.headers['webhook-id']),
          'webhook-timestamp': String(r.headers['webhook-timestamp']),
          'webhook-signature': String(r.headers['webhook-signature']),
        }) as { type: string; data: { object: { id: string; status: string } } };
        return {
          path: r.path,
          type: event.type,
          orderId: event.data.object.id,
          status: event.data.object.status,
        };
      });
      expect(forwarded).toEqual([
        { path: '/webhooks', type: 'order.paid', orderId: order.id, status: 'PAID' },
      ]);
      expect(forwarded.some((f) => f.orderId === before.id)).toBe(false);
      await vi.waitFor(() =>
        expect(lines.some((l) => l.includes('order.paid') && l.includes('[200]'))).toBe(true),
      );
    } finally {
      await listener.stop();
    }
  });

  it('holds events while the receiver is down and delivers them when it is back: one line each way, not one per try', async () => {
    // a port that answers nothing until the receiver comes up on it
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const lines: string[] = [];
    const listener = listenForEvents({
      apiUrl: api.url,
      apiKey: tenant.apiKey,
      forwardTo: `http://127.0.0.1:${port}/webhooks`,
      pollIntervalMs: 50,
      log: (line) => lines.push(line),
    });
    const bodies: string[] = [];
    const late = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        bodies.push(body);
        res.end('ok');
      });
    });
    try {
      await listener.ready;
      const order = await payAnOrder();
      await vi.waitFor(() => expect(lines.some((l) => l.includes('cannot reach'))).toBe(true));
      // several tries go by while it is down (one every 500 ms)
      await new Promise((resolve) => setTimeout(resolve, 1_600));
      await new Promise<void>((resolve) => late.listen(port, '127.0.0.1', resolve));
      await vi.waitFor(() => expect(bodies.some((b) => b.includes(order.id))).toBe(true), {
        timeout: 5_000,
      });
      await vi.waitFor(() =>
        expect(lines.some((l) => l.includes('order.paid') && l.includes('[200]'))).toBe(true),
      );
      expect(lines.filter((l) => l.includes('cannot reach'))).toHaveLength(1);
      expect(lines.filter((l) => l.includes('answering again'))).toHaveLength(1);
      expect(bodies.filter((b) => b.includes(order.id))).toHaveLength(1);
    } finally {
      await listener.stop();
      await new Promise<void>((resolve) => late.close(() => resolve()));
    }
  });

  it('refuses to start with a wrong API key', async () => {
    const listener = listenForEvents({
      apiUrl: api.url,
      apiKey: 'sk_test_wrong',
      forwardTo: `${receiver.url}/webhooks`,
    });
    await expect(listener.ready).rejects.toThrow(/401/);
    await listener.stop();
  });
});
