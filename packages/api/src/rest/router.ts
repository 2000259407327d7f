import { type Database, isDatabaseUnavailable } from '@prood/db';
import { newId } from '@prood/validators';
import type { z } from 'zod';
import { ApiError, type ErrorBody } from '../errors';
import { type ResolveHost, systemResolver } from '../events/ssrf';
import type { Logger } from '../logger';
import type { PaymentRuntime } from '../payments/runtime';
import { authenticateApiKey } from '../services/api-keys';
import type { CheckoutAppClient } from '../services/checkout-app-client';
import { requestFingerprint, withIdempotency } from '../services/idempotency';
import type { Endpoint, RestContext } from './endpoint';
import { buildOpenApiDocument } from './openapi';

export interface RestApiDependencies {
  db: Database;
  logger: Logger;
  checkoutApp: CheckoutAppClient;
  /** Provider resolver and job queue for confirm, refunds and the billing portal. */
  payments: PaymentRuntime;
  cartTtlMs: number;
  /** Public base URL of this API, for the OpenAPI `servers` entry. */
  publicUrl?: string;
  /** DNS used to check webhook endpoint URLs; the system resolver unless a test injects one. */
  resolveHost?: ResolveHost;
}

const MAX_BODY_BYTES = 1_000_000;

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

function zodDetails(error: z.ZodError, prefix?: string) {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || '(root)',
    message: issue.message,
  }));
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * The storefront REST API as one `Request → Response` function, so Next.js route handlers,
 * tests and benchmarks all run the very same code. Authentication, validation, idempotency,
 * error mapping and request logging happen here, once.
 */
export function createRestApi(endpoints: readonly Endpoint[], deps: RestApiDependencies) {
  const routes = endpoints.map(compile);
  let openApi: unknown;

  async function dispatch(
    request: Request,
    requestId: string,
    log: Logger,
  ): Promise<{ response: Response; tenantId?: string }> {
    const url = new URL(request.url);
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/v1/openapi.json' && request.method === 'GET') {
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

    const key = await authenticateApiKey(deps.db, request.headers.get('authorization'));
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
      config: { cartTtlMs: deps.cartTtlMs },
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

    const query = endpoint.query
      ? endpoint.query.safeParse(Object.fromEntries(url.searchParams))
      : { success: true as const, data: {} };
    if (!query.success) {
      throw new ApiError(
        'validation_error',
        'The query string is invalid.',
        zodDetails(query.error, 'query'),
      );
    }

    let rawBody = '';
    let body: unknown;
    if (endpoint.body) {
      rawBody = await request.text();
      if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES) {
        throw new ApiError('validation_error', 'The request body is too large (1 MB at most).');
      }
      let parsedJson: unknown;
      try {
        parsedJson = rawBody.trim() === '' ? {} : JSON.parse(rawBody);
      } catch {
        throw new ApiError('invalid_json', 'The request body is not valid JSON.');
      }
      const parsed = endpoint.body.safeParse(parsedJson);
      if (!parsed.success) {
        throw new ApiError(
          'validation_error',
          'The request body is invalid.',
          zodDetails(parsed.error),
        );
      }
      body = parsed.data;
    }

    const run = async () => ({
      status: endpoint.successStatus ?? 200,
      body: await endpoint.handler({ ctx, params: params.data, query: query.data, body }),
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
      const incoming = request.headers.get('x-request-id');
      const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : newId('request');
      const log = deps.logger.child({ requestId });
      let response: Response;
      let tenantId: string | undefined;
      try {
        ({ response, tenantId } = await dispatch(request, requestId, log));
      } catch (error) {
        if (error instanceof ApiError) {
          response = json(error.status, error.toBody());
        } else if (isDatabaseUnavailable(error)) {
          // the transaction did not commit: nothing was written, and a retry can succeed
          log.warn({ err: error }, 'database unavailable');
          response = json(
            503,
            {
              error: {
                code: 'service_unavailable',
                message: 'The service is briefly unavailable; retry shortly.',
                details: { requestId },
              },
            },
            { 'retry-after': '5' },
          );
        } else {
          log.error({ err: error }, 'unhandled error');
          const body: ErrorBody = {
            error: {
              code: 'internal_error',
              message: 'Something went wrong on our side.',
              details: { requestId },
            },
          };
          response = json(500, body);
        }
      }
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
