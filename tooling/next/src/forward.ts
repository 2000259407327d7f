// Hop-by-hop headers and those the fetch below recomputes (it decodes the body it reads).
const DROPPED_REQUEST_HEADERS = ['host', 'connection', 'content-length', 'accept-encoding'];
const DROPPED_RESPONSE_HEADERS = [
  'connection',
  'content-encoding',
  'content-length',
  'keep-alive',
  'transfer-encoding',
];

/**
 * A route handler that forwards the request, path and query kept, to another origin read at
 * request time. Unlike `rewrites` in next.config (fixed at build time), one production build
 * then runs against any `COMMERCE_API_URL`.
 *
 * @example
 * // app/api/auth/[...all]/route.ts
 * const forward = createForwardingRoute(() => env.COMMERCE_API_URL);
 * export { forward as GET, forward as POST };
 */
export function createForwardingRoute(targetOrigin: () => string) {
  return async function forward(request: Request): Promise<Response> {
    const incoming = new URL(request.url);
    const target = new URL(`${incoming.pathname}${incoming.search}`, targetOrigin());
    const headers = new Headers(request.headers);
    for (const name of DROPPED_REQUEST_HEADERS) headers.delete(name);
    headers.set('x-forwarded-host', incoming.host);
    headers.set('x-forwarded-proto', incoming.protocol.replace(':', ''));
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    let upstream: Response;
    try {
      upstream = await fetch(target, {
        method: request.method,
        headers,
        body: hasBody ? await request.arrayBuffer() : undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(30_000),
      });
    } catch {
      return Response.json(
        {
          error: {
            code: 'service_unavailable',
            message: 'The commerce API is not reachable.',
            details: null,
          },
        },
        { status: 503, headers: { 'retry-after': '5' } },
      );
    }
    const responseHeaders = new Headers(upstream.headers);
    for (const name of DROPPED_RESPONSE_HEADERS) responseHeaders.delete(name);
    return new Response(upstream.body, { status: upstream.status, headers: responseHeaders });
  };
}
