import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { errorResponse } from './errors';
import { SpanKind, setHttpStatus, traceCarrierFrom, withSpan } from './tracing';
import { malformedUrlProblem } from './url';

/** One machine-facing route: the methods it answers and its fetch-style handler. */
export interface MachineRoute {
  /** The route as a template (`/webhooks/payments/{provider}`): the span's name. */
  name: string;
  methods: readonly string[];
  handle: (request: Request) => Promise<Response> | Response;
}

/** Finds the machine route for a path, or none (the request then goes to Next.js). */
export type MachineRouter = (pathname: string) => MachineRoute | undefined;

/** Above every handler's own limit (1 MB): they answer 413 themselves up to this size. */
const MAX_BUFFERED_BODY = 4 * 1024 * 1024;

// JSON answers load nothing: the strictest policy, as the proxy gives its own JSON errors
const MACHINE_CSP = "default-src 'none'; frame-ancestors 'none'";

function isHttps(req: IncomingMessage): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first === 'https';
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BUFFERED_BODY) return 'too_large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

// the buffer's own bytes, without a copy
const bytesOf = (buffer: Buffer) =>
  new Uint8Array(buffer.buffer as ArrayBuffer, buffer.byteOffset, buffer.length);

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] ?? '';
    // HTTP/2 pseudo-headers are not request headers
    if (!name.startsWith(':')) headers.append(name, raw[i + 1] ?? '');
  }
  return headers;
}

async function writeResponse(
  res: ServerResponse,
  response: Response,
  extra: Record<string, string>,
  head: boolean,
): Promise<void> {
  const body = response.body && !head ? Buffer.from(await response.arrayBuffer()) : undefined;
  res.statusCode = response.status;
  const cookies = response.headers.getSetCookie();
  for (const [name, value] of response.headers) {
    if (name !== 'set-cookie') res.setHeader(name, value);
  }
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  for (const [name, value] of Object.entries(extra)) {
    if (!res.hasHeader(name)) res.setHeader(name, value);
  }
  if (body) res.setHeader('content-length', body.length);
  res.end(body);
}

export interface ServeOptions {
  /** Logs a handler's failure (answered 500): the server's logger. */
  onError: (error: unknown, request: { method: string; path: string }) => void;
  /** The headers the apps' proxy puts on every response (`@prood/next-config/security-headers`). */
  securityHeaders: (options: { https: boolean }) => Record<string, string>;
}

/**
 * Answers one request with a fetch-style machine route (no Next.js on the way): the same
 * malformed-URL answer and security headers as the apps' proxy, a server span joined to the
 * caller's trace, HEAD from GET and OPTIONS/405 with `Allow` as Next.js's route handlers do.
 */
export async function serveMachineRoute(
  req: IncomingMessage,
  res: ServerResponse,
  route: MachineRoute,
  options: ServeOptions,
): Promise<void> {
  const https = isHttps(req);
  const extra = { ...options.securityHeaders({ https }), 'Content-Security-Policy': MACHINE_CSP };
  const method = (req.method ?? 'GET').toUpperCase();
  const target = req.url ?? '/';
  const path = target.split('?')[0] ?? '/';
  let problem: string | null;
  try {
    problem = malformedUrlProblem(target);
  } catch {
    problem = 'The URL cannot be parsed.';
  }
  if (problem) return writeResponse(res, errorResponse('invalid_url', problem), extra, false);

  const allow = [...route.methods, 'HEAD', 'OPTIONS'].join(', ');
  if (method === 'OPTIONS') {
    res.writeHead(204, { ...extra, allow });
    res.end();
    return;
  }
  const head = method === 'HEAD' && route.methods.includes('GET');
  if (!head && !route.methods.includes(method)) {
    const refused = errorResponse('method_not_allowed', `${method} is not allowed here.`, {
      allow: route.methods,
    });
    return writeResponse(res, refused, { ...extra, allow }, method === 'HEAD');
  }

  let request: Request;
  try {
    const hasBody = method !== 'GET' && method !== 'HEAD';
    const body = hasBody ? await readBody(req) : undefined;
    if (body === 'too_large') {
      const tooLarge = errorResponse('payload_too_large', 'The request body is too large.');
      res.setHeader('connection', 'close');
      return writeResponse(res, tooLarge, extra, false);
    }
    const host = req.headers.host ?? 'localhost';
    request = new Request(`${https ? 'https' : 'http'}://${host}${target}`, {
      method: head ? 'GET' : method,
      headers: toHeaders(req),
      ...(body && body.length > 0 ? { body: bytesOf(body) } : {}),
    });
  } catch {
    const bad = errorResponse('validation_error', 'The request cannot be read.');
    return writeResponse(res, bad, extra, false);
  }

  const response = await withSpan(
    `${method} ${route.name}`,
    { 'http.request.method': method, 'http.route': route.name, 'url.path': path },
    async (span) => {
      try {
        const answer = await route.handle(request);
        setHttpStatus(span, answer.status);
        return answer;
      } catch (error) {
        options.onError(error, { method, path });
        setHttpStatus(span, 500);
        return errorResponse('internal_error', 'Something went wrong on our side.');
      }
    },
    { kind: SpanKind.SERVER, parent: traceCarrierFrom(request.headers) },
  );
  await writeResponse(res, response, extra, head);
}

/** What `runAppServer` needs of Next.js's server (`next({ dev, dir })`), typed structurally. */
export interface NextAppServer {
  prepare(): Promise<void>;
  getRequestHandler(): (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  getUpgradeHandler(): (req: IncomingMessage, socket: Duplex, head: Buffer) => Promise<void>;
  close(): Promise<void>;
}

export interface AppServerOptions extends ServeOptions {
  next: NextAppServer;
  /** Whether Next.js runs its development server (its updates come over a websocket). */
  dev: boolean;
  machineRoute: MachineRouter;
  port: number;
  hostname?: string | undefined;
  /** Called first on SIGTERM/SIGINT: readiness turns 503 (`startDraining` of the lifecycle). */
  onDrain: () => void;
}

/**
 * An app's server: machine routes answered on plain `node:http` (no Next.js on their way, in
 * development as in production), every other request handed to Next.js's request handler in
 * the same process. SIGTERM/SIGINT drain it: `onDrain` first, the socket stops accepting,
 * in-flight requests finish, idle keep-alive sockets close, then Next.js closes and the process
 * exits (the lifecycle's exit hook closes the pools; its deadline ends a slow shutdown).
 *
 * @example
 * const server = await runAppServer({ next: next({ dev, dir }), dev, machineRoute, port, ... });
 */
export async function runAppServer(options: AppServerOptions): Promise<Server> {
  const { next: nextApp, machineRoute } = options;
  await nextApp.prepare();
  const nextHandler = nextApp.getRequestHandler();
  const server = createServer((req, res) => {
    const route = machineRoute((req.url ?? '/').split('?')[0] ?? '/');
    const served = route ? serveMachineRoute(req, res, route, options) : nextHandler(req, res);
    served.catch((error: unknown) => {
      options.onError(error, { method: req.method ?? 'GET', path: req.url ?? '/' });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end();
    });
  });
  if (options.dev) server.on('upgrade', nextApp.getUpgradeHandler());
  server.keepAliveTimeout = 65_000;

  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      options.onDrain();
      server.close(() => {
        void nextApp.close().finally(() => process.exit(0));
      });
      // a keep-alive socket that finishes its request is closed as soon as it is idle
      setInterval(() => server.closeIdleConnections(), 100).unref();
      server.closeIdleConnections();
    });
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}
