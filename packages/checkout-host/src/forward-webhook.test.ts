import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckoutInputError } from './errors';
import { forwardPaymentWebhook } from './forward-webhook';

const SECRET = 's'.repeat(40);

interface Received {
  method: string | undefined;
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

async function startApi(
  answer: (req: Received) => { status: number; body?: string } | 'hang',
): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const r = {
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: Buffer.concat(chunks),
    };
    received.push(r);
    const reply = answer(r);
    if (reply === 'hang') return;
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(reply.body ?? '');
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

describe('forwardPaymentWebhook', () => {
  it('posts the exact bytes with the signature, secret and event id headers', async () => {
    const api = await startApi(() => ({ status: 200, body: '{"received":true}' }));
    // invalid UTF-8, a NUL, CRLF and multibyte characters: must arrive untouched
    const payload = Uint8Array.from([
      0x7b,
      0xff,
      0xfe,
      0x00,
      0x0d,
      0x0a,
      0xc3,
      0x28,
      ...Buffer.from('é✓🚀'),
      0x7d,
    ]);
    const result = await forwardPaymentWebhook(
      {
        provider: 'stripe',
        orgId: 'org_a b&c',
        payload,
        signature: 't=1,v1=abc',
        eventId: 'evt_123',
      },
      { commerceApiUrl: `${api.url}/`, secret: SECRET },
    );
    expect(result).toEqual({ ok: true, status: 200, body: '{"received":true}' });
    const [req] = api.received;
    expect(req?.method).toBe('POST');
    expect(req?.url).toBe('/webhooks/payments/stripe?org=org_a%20b%26c');
    expect(Buffer.compare(req?.body ?? Buffer.alloc(0), Buffer.from(payload))).toBe(0);
    expect(req?.headers['stripe-signature']).toBe('t=1,v1=abc');
    expect(req?.headers['x-checkout-secret']).toBe(SECRET);
    expect(req?.headers['x-provider-event-id']).toBe('evt_123');
    expect(req?.headers['content-length']).toBe(String(payload.length));
  });

  it('passes the three Standard Webhooks headers for the sandbox and a string body as UTF-8', async () => {
    const api = await startApi(() => ({ status: 202 }));
    const body = '{"type":"payment.succeeded","name":"Zoë ✓"}';
    const result = await forwardPaymentWebhook(
      {
        provider: 'sandbox',
        orgId: 'org_1',
        payload: body,
        signature: {
          'Webhook-Id': 'msg_1',
          'webhook-timestamp': '1700000000',
          'webhook-signature': 'v1,abc=',
        },
      },
      { commerceApiUrl: api.url, secret: SECRET },
    );
    expect(result.ok).toBe(true);
    const [req] = api.received;
    expect(req?.body.toString('utf8')).toBe(body);
    expect(req?.headers['webhook-id']).toBe('msg_1');
    expect(req?.headers['webhook-timestamp']).toBe('1700000000');
    expect(req?.headers['webhook-signature']).toBe('v1,abc=');
    expect(req?.headers['stripe-signature']).toBeUndefined();
  });

  it('reports a 5xx as retryable and a 4xx as not', async () => {
    let status = 503;
    const api = await startApi(() => ({ status, body: '{"error":{"code":"unavailable"}}' }));
    const input = { provider: 'stripe' as const, orgId: 'org_1', payload: '{}', signature: 'x' };
    const options = { commerceApiUrl: api.url, secret: SECRET };
    expect(await forwardPaymentWebhook(input, options)).toMatchObject({
      ok: false,
      status: 503,
      retryable: true,
      body: '{"error":{"code":"unavailable"}}',
      error: { code: 'upstream_error' },
    });
    status = 400;
    expect(await forwardPaymentWebhook(input, options)).toMatchObject({
      ok: false,
      status: 400,
      retryable: false,
      error: { code: 'upstream_rejected' },
    });
  });

  it('gives up after the timeout and says so', async () => {
    const api = await startApi(() => 'hang');
    const result = await forwardPaymentWebhook(
      { provider: 'stripe', orgId: 'org_1', payload: '{}', signature: 'x' },
      { commerceApiUrl: api.url, secret: SECRET, timeoutMs: 200 },
    );
    expect(result).toMatchObject({ ok: false, retryable: true, error: { code: 'timeout' } });
    expect(api.received).toHaveLength(1);
  });

  it('reports a network failure (nothing listening)', async () => {
    const api = await startApi(() => ({ status: 200 }));
    const server = servers.pop();
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    const result = await forwardPaymentWebhook(
      { provider: 'stripe', orgId: 'org_1', payload: '{}', signature: 'x' },
      { commerceApiUrl: api.url, secret: SECRET },
    );
    expect(result).toMatchObject({
      ok: false,
      status: undefined,
      retryable: true,
      error: { code: 'network_error' },
    });
  });

  it('names the bad field', async () => {
    const options = { commerceApiUrl: 'http://127.0.0.1:9', secret: SECRET };
    const cases: Array<[unknown, string]> = [
      [{ provider: 'paypal', orgId: 'o', payload: '{}', signature: 'x' }, 'provider'],
      [{ provider: 'stripe', orgId: ' ', payload: '{}', signature: 'x' }, 'orgId'],
      [{ provider: 'stripe', orgId: 'o', payload: 42, signature: 'x' }, 'payload'],
      [
        { provider: 'stripe', orgId: 'o', payload: '{}', signature: { 'x-evil': '1' } },
        'signature.x-evil',
      ],
    ];
    for (const [input, field] of cases) {
      const error = await forwardPaymentWebhook(input as never, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CheckoutInputError);
      expect((error as CheckoutInputError).issues.map((i) => i.field)).toContain(field);
    }
  });
});
