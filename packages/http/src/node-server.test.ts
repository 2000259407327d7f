import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MachineRoute, serveMachineRoute } from './node-server';

// as @prood/next-config's `securityHeaders` answers: HSTS only over https
const securityHeaders = ({ https }: { https: boolean }): Record<string, string> => ({
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  ...(https ? { 'Strict-Transport-Security': 'max-age=63072000' } : {}),
});

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

const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string } }).error.code;

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
    // the security headers, and the strictest policy: JSON loads nothing
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
      expect(await errorOf(res)).toBe('invalid_url');
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
    expect(await errorOf(put)).toBe('method_not_allowed');
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
    expect(await errorOf(huge)).toBe('payload_too_large');
  });
});
