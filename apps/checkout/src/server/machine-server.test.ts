import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// the test database's `inject('databaseUrl')`
import '@prood/db/testing';
import { type MachineRouter, serveMachineRoute } from '@prood/http/node-server';
import { securityHeaders } from '@prood/next-config/security-headers';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';

/*
 * The checkout app's own server (src/main.ts) answers these routes on node:http, before and
 * without Next.js; this serves the same router with the same `serveMachineRoute` and the real
 * handlers, and leaves the rest (pages, server actions) to a stand-in for Next.js.
 */

const failures: unknown[] = [];
const secret = randomBytes(32).toString('hex');
let match: MachineRouter;
let server: Server;
let base: string;

const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string } }).error.code;

beforeAll(async () => {
  vi.stubEnv('DATABASE_URL', inject('databaseUrl'));
  vi.stubEnv('CHECKOUT_API_SECRET', secret);
  vi.stubEnv('CREDENTIALS_ENCRYPTION_KEYS', `k1:${randomBytes(32).toString('base64')}`);
  vi.stubEnv('COMMERCE_API_URL', 'http://127.0.0.1:9');
  vi.stubEnv('LOG_LEVEL', 'silent');
  const { createCheckoutMachineRoutes } = await import('./machine-routes');
  match = createCheckoutMachineRoutes({ name: 'checkout', version: '9.9.9' });
  server = createServer((req, res) => {
    const route = match((req.url ?? '/').split('?')[0] ?? '/');
    if (!route) {
      res.writeHead(418).end('next.js');
      return;
    }
    void serveMachineRoute(req, res, route, {
      onError: (error) => failures.push(error),
      securityHeaders,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  const { runShutdownHooks } = await import('@prood/db/lifecycle');
  await runShutdownHooks();
  vi.unstubAllEnvs();
});

describe("the checkout app's machine routes", () => {
  it('claims provider webhooks, the internal session and link calls and health; pages go to Next.js', () => {
    const name = (path: string) => match(path)?.name;
    expect(name('/api/webhooks/sandbox/org_1')).toBe('/api/webhooks/{provider}/{org}');
    expect(name('/api/webhooks/stripe/org_1')).toBe('/api/webhooks/{provider}/{org}');
    expect(name('/api/sessions')).toBe('/api/sessions');
    expect(name('/api/sessions/cs_1')).toBe('/api/sessions/{id}');
    expect(name('/api/sessions/cs_1/cancel')).toBe('/api/sessions/{id}/cancel');
    expect(name('/api/payment-links')).toBe('/api/payment-links');
    for (const path of ['/health', '/health/live', '/health/ready']) expect(name(path)).toBe(path);
    for (const path of [
      '/',
      '/c/cs_1',
      '/c/cs_1/status',
      '/l/plink_1',
      '/sandbox/pay/sbx_1',
      '/_next/static/chunk.js',
      '/api/webhooks/sandbox',
      '/api/webhooks/sandbox/org_1/extra',
      '/api/sessions/',
      '/api/sessions/cs_1/cancel/x',
      '/health/',
    ]) {
      expect(match(path), path).toBeUndefined();
    }
  });

  it('answers health with the security headers, and HEAD, OPTIONS and 405 as route files do', async () => {
    const live = await fetch(`${base}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ name: 'checkout', version: '9.9.9', status: 'ok' });
    expect(live.headers.get('x-frame-options')).toBe('DENY');
    expect(live.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    expect((await fetch(`${base}/health`, { method: 'HEAD' })).status).toBe(200);
    const get = await fetch(`${base}/api/webhooks/sandbox/org_1`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, HEAD, OPTIONS');
    const options = await fetch(`${base}/api/sessions`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
  });

  it('refuses the internal calls without the shared secret, and another tenant’s session', async () => {
    const json = { 'content-type': 'application/json' };
    for (const [path, method] of [
      ['/api/sessions', 'POST'],
      ['/api/sessions/cs_1?org=org_1', 'GET'],
      ['/api/sessions/cs_1/cancel', 'POST'],
      ['/api/payment-links', 'POST'],
    ] as const) {
      const body = method === 'POST' ? '{}' : undefined;
      const unsigned = await fetch(`${base}${path}`, { method, headers: json, body });
      expect(unsigned.status, path).toBe(401);
      const forged = await fetch(`${base}${path}`, {
        method,
        // one character changed (a random secret may already end in 0)
        headers: {
          ...json,
          'x-checkout-secret': `${secret.slice(0, -1)}${secret.endsWith('0') ? '1' : '0'}`,
        },
        body,
      });
      expect(forged.status, path).toBe(401);
      expect(await errorOf(forged)).toBe('unauthorized');
    }
    const unknown = await fetch(`${base}/api/sessions/cs_nosuchsession?org=org_1`, {
      headers: { 'x-checkout-secret': secret },
    });
    expect(unknown.status).toBe(404);
    // the real handler validates the body: an empty order is no session
    const empty = await fetch(`${base}/api/sessions`, {
      method: 'POST',
      headers: { ...json, 'x-checkout-secret': secret },
      body: '{}',
    });
    expect(empty.status).toBe(400);
  });

  it('hands a provider webhook to the receiver: unknown providers and integrations are 404s', async () => {
    const post = (path: string) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"id":"evt_1"}',
      });
    const unknownProvider = await post('/api/webhooks/paypal/org_1');
    expect(unknownProvider.status).toBe(404);
    // percent-encoded segments are decoded as Next.js decodes params; no such tenant here
    const noIntegration = await post('/api/webhooks/sandbox/org%5Fnobody');
    expect(noIntegration.status).toBe(404);
    expect(await errorOf(noIntegration)).toBe('not_found');
    const malformed = await post('/api/webhooks/sandbox/%E0%A4%A');
    expect(malformed.status).toBe(400);
    expect(await errorOf(malformed)).toBe('invalid_url');
    expect(failures).toEqual([]);
  });
});
