// Hop-by-hop headers and those the fetch below recomputes (it decodes the body it reads).
const DROPPED_REQUEST_HEADERS = ['host', 'connection', 'content-length', 'accept-encoding'];
const DROPPED_RESPONSE_HEADERS = [
  'connection',
  'content-encoding',
  'content-length',
  'keep-alive',
  'transfer-encoding',
];

/** How long the upstream may keep the forward waiting: for its headers, and between two chunks. */
export interface ForwardTimeouts {
  /** Until the response's status and headers arrive (30 s). */
  firstByteMs?: number;
  /** Between two chunks of the body once it flows (30 s): a long stream is fine while it sends. */
  idleMs?: number;
}

/**
 * The upstream body, passed through as it arrives; `abort` cuts it when no chunk came for
 * `idleMs` (the timer starts again with every chunk, so only a stalled stream is cut).
 */
function idleGuarded(
  body: ReadableStream<Uint8Array>,
  idleMs: number,
  abort: () => void,
): ReadableStream<Uint8Array> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(abort, idleMs);
  };
  arm();
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        arm();
        controller.enqueue(chunk);
      },
      flush() {
        clearTimeout(timer);
      },
    }),
  );
}

/**
 * A route handler that forwards the request, path and query kept, to another origin read at
 * request time. Unlike `rewrites` in next.config (fixed at build time), one production build
 * then runs against any `COMMERCE_API_URL`. The upstream has 30 s to answer with its headers
 * and then 30 s between two chunks of its body; a streamed body (the orders CSV) may take as
 * long as it keeps sending.
 *
 * @example
 * // app/api/auth/[...all]/route.ts
 * const forward = createForwardingRoute(() => env.COMMERCE_API_URL);
 * export { forward as GET, forward as POST };
 */
export function createForwardingRoute(targetOrigin: () => string, timeouts: ForwardTimeouts = {}) {
  const firstByteMs = timeouts.firstByteMs ?? 30_000;
  const idleMs = timeouts.idleMs ?? 30_000;
  return async function forward(request: Request): Promise<Response> {
    const incoming = new URL(request.url);
    const target = new URL(`${incoming.pathname}${incoming.search}`, targetOrigin());
    const headers = new Headers(request.headers);
    for (const name of DROPPED_REQUEST_HEADERS) headers.delete(name);
    headers.set('x-forwarded-host', incoming.host);
    headers.set('x-forwarded-proto', incoming.protocol.replace(':', ''));
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    let upstream: Response;
    const controller = new AbortController();
    const firstByte = setTimeout(() => controller.abort(), firstByteMs);
    try {
      upstream = await fetch(target, {
        method: request.method,
        headers,
        body: hasBody ? await request.arrayBuffer() : undefined,
        redirect: 'manual',
        signal: controller.signal,
      });
    } catch {
      clearTimeout(firstByte);
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
    clearTimeout(firstByte);
    const responseHeaders = new Headers(upstream.headers);
    for (const name of DROPPED_RESPONSE_HEADERS) responseHeaders.delete(name);
    const body = upstream.body
      ? idleGuarded(upstream.body, idleMs, () => controller.abort())
      : null;
    return new Response(body, { status: upstream.status, headers: responseHeaders });
  };
}
