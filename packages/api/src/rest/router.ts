import { type Database, isDatabaseUnavailable } from '@prood/db';
import { assertWellFormedUrl, errorBody, HttpError, parseInput, readJsonBody } from '@prood/http';
import {
  clientIp,
  createRateLimiter,
  type RateLimitDecision,
  type RateLimiter,
  rateLimitedError,
} from '@prood/http/rate-limit';
import { incomingRequestId } from '@prood/http/tracing';
import { newId } from '@prood/validators';
import { ApiError } from '../errors';
import { type ResolveHost, systemResolver } from '../events/ssrf';
import type { Logger } from '../logger';
import type { PaymentRuntime } from '../payments/runtime';
import { authenticateApiKey } from '../services/api-keys';
import type { CheckoutAppClient } from '../services/checkout-app-client';
import { requestFingerprint, withIdempotency } from '../services/idempotency';
import type { Endpoint, RestContext } from './endpoint';
import { buildOpenApiDocument } from './openapi';

/** The checkout app's embedded default (`CHECKOUT_URL`), as in `.env.example`. */
const DEFAULT_CHECKOUT_URL = 'http://localhost:3004';

export interface RestApiDependencies {
  db: Database;
  logger: Logger;
  checkoutApp: CheckoutAppClient;
  /** Provider resolver and job queue for confirm, refunds and the billing portal. */
  payments: PaymentRuntime;
  cartTtlMs: number;
  /** Public base URL of the checkout app (`CHECKOUT_URL`), for payment links' URLs. */
  checkoutUrl?: string;
  /** Public base URL of this API, for the OpenAPI `servers` entry. */
  publicUrl?: string;
  /**
   * Failed API keys per IP and session creation per tenant (`@prood/http/rate-limit`); default:
   * a limiter on the in-process store, fine for one process (apps pass the Upstash-backed one).
   */
  rateLimiter?: RateLimiter;
  /** Told every answered request, by route template (tests record the codes the API returns). */
  onResponse?: (observed: ObservedResponse) => void;
  /** DNS used to check webhook endpoint URLs; the system resolver unless a test injects one. */
  resolveHost?: ResolveHost;
}

export interface ObservedResponse {
  method: string;
  /** The matched operation's template (`/v1/orders/{id}`), or null when no route matched. */
  route: string | null;
  status: number;
}

interface CompiledRoute {
  endpoint: Endpoint;
  pattern: RegExp;
  paramNames: string[];
}

function compile(endpoint: Endpoint): CompiledRoute {
  const paramNames: string[] = [];
  const source = endpoint.path.replace(/\{([a-zA-Z]+)\}/g, (_, name: string) => {
    paramNames.push(name);
    return '([^/]+)';
  });
  return { endpoint, pattern: new RegExp(`^${source}/?$`), paramNames };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    },
  });
}

/**
 * The storefront REST API as one `Request → Response` function, so Next.js route handlers,
 * tests and benchmarks all run the very same code. Authentication, validation, idempotency,
 * error mapping and request logging happen here, once.
 */
export function createRestApi(endpoints: readonly Endpoint[], deps: RestApiDependencies) {
  const routes = endpoints.map(compile);
  const rateLimiter = deps.rateLimiter ?? createRateLimiter({ prefix: 'prood:api' });
  let openApi: unknown;

  // IPs the shared limiter refused for failed keys, until their window resets: a locked-out IP is
  // refused here without a store round trip or a key lookup, and a request from any other IP
  // asks the store nothing at all (only failures count). Bounded: the oldest entry goes first.
  const lockedOut = new Map<string, RateLimitDecision>();
  const LOCKED_OUT_MAX = 10_000;

  async function authenticate(request: Request) {
    const ip = clientIp(request.headers);
    const standing = lockedOut.get(ip);
    if (standing) {
      if (standing.reset > Date.now()) throw rateLimitedError(standing);
      lockedOut.delete(ip);
    }
    try {
      return await authenticateApiKey(deps.db, request.headers.get('authorization'));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'unauthorized') {
        const decision = await rateLimiter.hit('apiKeyFailure', ip);
        if (!decision.allowed) {
          if (lockedOut.size >= LOCKED_OUT_MAX) {
            lockedOut.delete(lockedOut.keys().next().value as string);
          }
          lockedOut.set(ip, decision);
          throw rateLimitedError(decision);
        }
      }
      throw error;
    }
  }

  async function dispatch(
    request: Request,
    requestId: string,
    log: Logger,
    matched: { route: string | null },
  ): Promise<{ response: Response; tenantId?: string }> {
    const url = new URL(request.url);
    assertWellFormedUrl(url);
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/v1/openapi.json' && request.method === 'GET') {
      matched.route = path;
      openApi ??= buildOpenApiDocument(endpoints, deps.publicUrl);
      return { response: json(200, openApi, { 'cache-control': 'public, max-age=60' }) };
    }
    const matching = routes.filter((r) => r.pattern.test(path));
    const route = matching.find((r) => r.endpoint.method === request.method);
    if (!route) {
      if (matching.length > 0) {
        throw new ApiError('method_not_allowed', `${request.method} is not supported on ${path}.`, {
          allowed: matching.map((r) => r.endpoint.method),
        });
      }
      throw new ApiError('not_found', `No route ${request.method} ${path}.`);
    }
    const { endpoint } = route;
    matched.route = endpoint.path;

    const key = await authenticate(request);
    const tenantId = key.tenantId;
    const ctx: RestContext = {
      db: deps.db,
      tenantId,
      requestId,
      mode: key.mode,
      resolveHost: deps.resolveHost ?? systemResolver,
      logger: log.child({ tenantId }),
      checkoutApp: deps.checkoutApp,
      payments: deps.payments,
      config: {
        cartTtlMs: deps.cartTtlMs,
        checkoutUrl: deps.checkoutUrl ?? DEFAULT_CHECKOUT_URL,
      },
    };

    const rawParams = Object.fromEntries(
      route.paramNames.map((name, i) => [
        name,
        decodeURIComponent(path.match(route.pattern)?.[i + 1] ?? ''),
      ]),
    );
    const params = endpoint.params
      ? endpoint.params.safeParse(rawParams)
      : { success: true as const, data: {} };
    // A malformed id is answered like an unknown one: nothing to learn from the difference.
    if (!params.success) throw new ApiError('not_found', 'No such resource.');

    // assertWellFormedUrl already refused text in the query that could not be stored
    const query = endpoint.query
      ? parseInput(endpoint.query, Object.fromEntries(url.searchParams), 'query')
      : {};

    let rawBody = '';
    let body: unknown;
    if (endpoint.body) {
      const read = await readJsonBody(request);
      rawBody = read.raw;
      body = parseInput(endpoint.body, read.json, 'body');
    }

    if (endpoint.tenantRateLimit) {
      const decision = await rateLimiter.hit(endpoint.tenantRateLimit, tenantId);
      if (!decision.allowed) throw rateLimitedError(decision);
    }

    const run = async () => ({
      status: endpoint.successStatus ?? 200,
      body: await endpoint.handler({ ctx, params: params.data, query, body }),
    });

    const idempotencyKey = request.headers.get('idempotency-key');
    if (request.method === 'POST' && idempotencyKey !== null) {
      const result = await withIdempotency(
        deps.db,
        {
          tenantId,
          key: idempotencyKey,
          fingerprint: requestFingerprint(request.method, path, rawBody),
        },
        run,
      );
      return {
        tenantId,
        response: json(
          result.status,
          result.body,
          result.replayed ? { 'idempotent-replayed': 'true' } : {},
        ),
      };
    }
    const result = await run();
    return { tenantId, response: json(result.status, result.body) };
  }

  return {
    endpoints,
    /** Handles one request; never throws. */
    async handle(request: Request): Promise<Response> {
      const started = performance.now();
      const requestId = incomingRequestId(request.headers) ?? newId('request');
      const log = deps.logger.child({ requestId });
      let response: Response;
      let tenantId: string | undefined;
      const matched = { route: null as string | null };
      try {
        ({ response, tenantId } = await dispatch(request, requestId, log, matched));
      } catch (error) {
        if (error instanceof HttpError) {
          response = json(error.status, error.toBody(), error.headers);
        } else if (isDatabaseUnavailable(error)) {
          // the transaction did not commit: nothing was written, and a retry can succeed
          log.warn({ err: error }, 'database unavailable');
          response = json(
            503,
            errorBody('service_unavailable', 'The service is briefly unavailable; retry shortly.', {
              requestId,
            }),
            { 'retry-after': '5' },
          );
        } else {
          log.error({ err: error }, 'unhandled error');
          response = json(
            500,
            errorBody('internal_error', 'Something went wrong on our side.', { requestId }),
          );
        }
      }
      deps.onResponse?.({ method: request.method, route: matched.route, status: response.status });
      response.headers.set('x-request-id', requestId);
      const url = new URL(request.url);
      log.info(
        {
          method: request.method,
          path: url.pathname,
          status: response.status,
          ms: Math.round((performance.now() - started) * 10) / 10,
          ...(tenantId ? { tenantId } : {}),
        },
        'request',
      );
      return response;
    },
  };
}

export type RestApi = ReturnType<typeof createRestApi>;
