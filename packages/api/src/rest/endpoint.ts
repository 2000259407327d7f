import type { RateLimitPolicy } from '@prood/http/rate-limit';
import type { z } from 'zod';
import type { ErrorCode } from '../errors';
import type { ResolveHost } from '../events/ssrf';
import type { PaymentRuntime } from '../payments/runtime';
import type { CheckoutAppClient } from '../services/checkout-app-client';
import type { TenantContext } from '../services/context';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Everything a REST handler gets: the tenant context plus the API's collaborators. */
export interface RestContext extends TenantContext {
  requestId: string;
  /** The API key's mode (absent = treated as live): live webhook endpoints must be https and public. */
  mode?: 'test' | 'live';
  /** DNS for the webhook-endpoint SSRF check; the system resolver when absent. */
  resolveHost?: ResolveHost;
  checkoutApp: CheckoutAppClient;
  payments: PaymentRuntime;
  config: { cartTtlMs: number; checkoutUrl?: string };
}

/**
 * One REST operation: its HTTP shape, schemas (used for validation and for the OpenAPI
 * document alike) and the handler.
 */
export interface Endpoint<
  TParams extends z.ZodType = z.ZodType,
  TQuery extends z.ZodType = z.ZodType,
  TBody extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** OpenAPI-style template, e.g. `/v1/orders/{id}/checkout`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  params?: TParams;
  query?: TQuery;
  body?: TBody;
  response: z.ZodType;
  successStatus?: 200 | 201;
  /**
   * Error codes this operation's handler can answer with, for the reference. The router adds
   * the ones every operation shares (see `sharedErrorCodes`).
   */
  errors: ErrorCode[];
  /** A rate limit counted per tenant before the handler runs (429 `rate_limited`). */
  tenantRateLimit?: RateLimitPolicy;
  handler: (args: {
    ctx: RestContext;
    params: z.output<TParams>;
    query: z.output<TQuery>;
    body: z.output<TBody>;
  }) => Promise<unknown>;
}

/** Keeps each endpoint's handler typed by its own schemas. */
export function defineEndpoint<
  TParams extends z.ZodType = z.ZodType,
  TQuery extends z.ZodType = z.ZodType,
  TBody extends z.ZodType = z.ZodType,
>(endpoint: Endpoint<TParams, TQuery, TBody>): Endpoint {
  return endpoint as unknown as Endpoint;
}
