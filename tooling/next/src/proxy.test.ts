import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { createSecurityProxy } from './proxy';

const proxy = createSecurityProxy();
const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];

describe('security proxy', () => {
  it('sends the headers and a fresh nonce per response, and hands the nonce to Next.js', async () => {
    const first = await proxy(new NextRequest('http://localhost:3004/c/cs_x'));
    const second = await proxy(new NextRequest('http://localhost:3004/c/cs_x'));
    const csp = first.headers.get('content-security-policy');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    expect(nonceOf(csp)).not.toBe(nonceOf(second.headers.get('content-security-policy')));
    expect(first.headers.get('x-frame-options')).toBe('DENY');
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(first.headers.get('strict-transport-security')).toBeNull();
    // NextResponse.next({ request: { headers } }) forwards these to the page render
    expect(first.headers.get('x-middleware-request-x-nonce')).toBe(nonceOf(csp));
  });

  it('adds HSTS when the request came over https (directly or per the TLS proxy)', async () => {
    const direct = await proxy(new NextRequest('https://pay.example.com/'));
    const behindProxy = await proxy(
      new NextRequest('http://10.0.0.5/', { headers: { 'x-forwarded-proto': 'https' } }),
    );
    for (const response of [direct, behindProxy]) {
      expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    }
  });

  it('answers a malformed URL with the JSON error shape instead of an HTML page', async () => {
    const response = await proxy(new NextRequest('http://localhost:3002/v1/orders/%E0%A4%A'));
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(await response.json()).toEqual({
      error: { code: 'invalid_url', message: 'The path has a malformed percent-encoding.' },
    });
  });

  it('lets an app add sources per request and render another route with a status', async () => {
    const withHook = createSecurityProxy({
      decide: async (request) =>
        request.nextUrl.pathname === '/stripe'
          ? {
              csp: {
                'script-src': ['https://js.stripe.com'],
                'frame-src': ['https://js.stripe.com'],
              },
            }
          : { rewrite: { pathname: '/c/not-found', status: 404 } },
    });
    const stripe = await withHook(new NextRequest('http://localhost:3004/stripe'));
    const csp = stripe.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('https://js.stripe.com');
    expect(csp).toMatch(/frame-src https:\/\/js\.stripe\.com/);
    const plain = await proxy(new NextRequest('http://localhost:3004/stripe'));
    expect(plain.headers.get('content-security-policy')).not.toContain('stripe');
    expect(plain.headers.get('content-security-policy')).toContain("frame-src 'none'");

    const missing = await withHook(new NextRequest('http://localhost:3004/c/cs_gone'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-middleware-rewrite')).toBe('http://localhost:3004/c/not-found');
  });

  it("adds the hook's response headers and request headers, after the app's own", async () => {
    const hook = createSecurityProxy({
      forwardHeaders: (_request, headers) => headers.delete('x-app-found'),
      decide: async (request) =>
        request.nextUrl.pathname === '/down'
          ? {
              rewrite: { pathname: '/down', status: 503 },
              headers: { 'Retry-After': '10' },
              requestHeaders: { 'x-app-found': 'store-down' },
            }
          : undefined,
    });
    const forged = { headers: { 'x-app-found': 'forged' } };
    const down = await hook(new NextRequest('http://localhost:3004/down', forged));
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('10');
    expect(down.headers.get('x-frame-options')).toBe('DENY');
    expect(down.headers.get('x-middleware-request-x-app-found')).toBe('store-down');
    const up = await hook(new NextRequest('http://localhost:3004/up', forged));
    expect(up.status).toBe(200);
    expect(up.headers.get('retry-after')).toBeNull();
    expect(up.headers.get('x-middleware-request-x-app-found')).toBeNull();
  });

  it('a failing hook keeps the strict policy instead of failing the page', async () => {
    const failing = createSecurityProxy({ decide: () => Promise.reject(new Error('store down')) });
    const response = await failing(new NextRequest('http://localhost:3004/c/cs_x'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("frame-src 'none'");
  });
});
