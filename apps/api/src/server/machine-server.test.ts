import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// the test database's `inject('databaseUrl')`
import '@prood/db/testing';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { MachineRoute } from './machine-routes';
import { serveMachineRoute } from './serve-fetch';

const failures: unknown[] = [];

async function listen(routeFor: (path: string) => MachineRoute | undefined): Promise<Server> {
  const server = createServer((req, res) => {
    const route = routeFor((req.url ?? '/').split('?')[0] ?? '/');
    if (!route) {
      res.writeHead(418).end('next.js');
      return;
    }
    void serveMachineRoute(req, res, route, { onError: (error) => failures.push(error) });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

describe('serving a fetch-style route on node:http', () => {
  let server: Server;
  let base: string;
  const echo: MachineRoute = {
    name: '/echo',
    methods: ['GET', 'POST'],
    async handle(request) {
      const headers = new Headers({ 'x-seen-method': request.method });
      headers.append('set-cookie', 'a=1; Path=/');
      headers.append('set-cookie', 'b=2; Path=/');
      return Response.json(
        {
          url: request.url,
          body: request.method === 'GET' ? null : await request.text(),
          type: request.headers.get('content-type'),
        },
        { status: 201, headers },
      );
    },
  };
  const boom: MachineRoute = {
    name: '/boom',
    methods: ['POST'],
    handle: async () => {
      throw new Error('database exploded');
    },
  };
  beforeAll(async () => {
    server = await listen((path) =>
      path === '/echo' ? echo : path.startsWith('/boom') ? boom : undefined,
    );
    base = urlOf(server);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('passes method, URL, headers and body through, and the answer back', async () => {
    const res = await fetch(`${base}/echo?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hello: 'wörld' }),
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      url: `${base}/echo?x=1`,
      body: '{"hello":"wörld"}',
      type: 'application/json',
    });
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    // the headers the apps' proxy puts on every response
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toBeNull();
    const viaTls = await fetch(`${base}/echo`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(viaTls.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });

  it('answers a malformed URL with the JSON error shape, never reaching the route', async () => {
    for (const path of ['/echo?q=%E0%A4%A', '/echo?q=%00']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_url');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('derives HEAD from GET, answers OPTIONS, and refuses other methods with 405 and Allow', async () => {
    const head = await fetch(`${base}/echo`, { method: 'HEAD' });
    expect(head.status).toBe(201);
    expect(head.headers.get('x-seen-method')).toBe('GET');
    expect(await head.text()).toBe('');
    const options = await fetch(`${base}/echo`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    const put = await fetch(`${base}/echo`, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    expect((await put.json()).error.code).toBe('method_not_allowed');
  });

  it('answers a failing handler with a logged 500 in the JSON shape, and a huge body with 413', async () => {
    const res = await fetch(`${base}/boom`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      error: { code: 'internal_error', message: 'Something went wrong on our side.' },
    });
    expect(failures).toHaveLength(1);
    expect(String(failures[0])).toMatch(/database exploded/);
    const huge = await fetch(`${base}/echo`, {
      method: 'POST',
      body: randomBytes(5 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe('payload_too_large');
  });
});

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
