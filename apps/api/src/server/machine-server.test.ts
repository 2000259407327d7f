import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// the test database's `inject('databaseUrl')`
import '@prood/db/testing';
import { type MachineRoute, serveMachineRoute } from '@prood/http/node-server';
import { securityHeaders } from '@prood/next-config/security-headers';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';

const failures: unknown[] = [];

async function listen(routeFor: (path: string) => MachineRoute | undefined): Promise<Server> {
  const server = createServer((req, res) => {
    const route = routeFor((req.url ?? '/').split('?')[0] ?? '/');
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
  return server;
}

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

describe("the API's machine routes", () => {
  let match: (path: string) => MachineRoute | undefined;
  let server: Server;
  const secret = randomBytes(32).toString('hex');
  beforeAll(async () => {
    vi.stubEnv('DATABASE_URL', inject('databaseUrl'));
    vi.stubEnv('CHECKOUT_API_SECRET', secret);
    vi.stubEnv('CREDENTIALS_ENCRYPTION_KEYS', `k1:${randomBytes(32).toString('base64')}`);
    vi.stubEnv('BETTER_AUTH_SECRET', randomBytes(32).toString('hex'));
    vi.stubEnv('LOG_LEVEL', 'silent');
    const { createMachineRoutes } = await import('./machine-routes');
    match = createMachineRoutes({ name: 'api', version: '9.9.9' });
    server = await listen(match);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    // the webhook route built the job client: let it finish starting before it is stopped
    const { getPaymentsRuntime } = await import('./payments');
    await getPaymentsRuntime().ready;
    const { runShutdownHooks } = await import('@prood/db/lifecycle');
    await runShutdownHooks();
    vi.unstubAllEnvs();
  });

  it('claims /v1, webhooks, /internal and /health, and leaves the rest to Next.js', () => {
    const name = (path: string) => match(path)?.name;
    expect(name('/v1')).toBe('/v1');
    expect(name('/v1/orders/ord_1/checkout')).toBe('/v1');
    expect(name('/webhooks/payments/sandbox')).toBe('/webhooks/payments/{provider}');
    expect(name('/internal/checkout/sessions')).toBe('/internal/checkout');
    expect(name('/internal/orders/ord_1')).toBe('/internal/orders/{orderId}');
    expect(name('/internal/checkout-abandoned')).toBe('/internal/checkout-abandoned');
    expect(name('/internal/payment-attempts')).toBe('/internal/payment-attempts');
    for (const path of ['/health', '/health/live', '/health/ready']) expect(name(path)).toBe(path);
    // Next.js: the dashboard's tRPC and auth, the docs, the recovery link, its own redirects
    for (const path of [
      '/',
      '/docs',
      '/api/trpc/orders.list',
      '/api/auth/session',
      '/pay/ord_1',
      '/v1x',
      '/v1/orders/',
      '/webhooks/payments/sandbox/extra',
      '/internal/orders',
    ]) {
      expect(match(path), path).toBeUndefined();
    }
  });

  it('answers health and refuses an unsigned webhook through the real handlers', async () => {
    const base = urlOf(server);
    const live = await fetch(`${base}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ name: 'api', version: '9.9.9', status: 'ok' });
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    // the headers the apps' proxy puts on every response
    expect(ready.headers.get('x-frame-options')).toBe('DENY');
    expect(failures).toEqual([]);
    const forged = await fetch(`${base}/webhooks/payments/sandbox?org=org_x`, {
      method: 'POST',
      headers: { 'x-checkout-secret': 'wrong', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(forged.status).toBe(401);
    expect((await forged.json()).error.code).toBe('unauthorized');
    const internal = await fetch(`${base}/internal/orders/ord_1?org=org_x`);
    expect(internal.status).toBe(401);
  });
});
