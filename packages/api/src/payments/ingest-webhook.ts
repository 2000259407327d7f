import { isProviderError, type PaymentProvider, type ProviderErrorCode } from '@prood/checkout';
import { checkoutSecretMatches } from '@prood/checkout-host';
import { getOrganizationIntegration } from '@prood/db';
import { errorBody, httpStatusFor, readWebhookBody } from '@prood/http';
import {
  incomingRequestId,
  runWithRequestId,
  SpanKind,
  setHttpStatus,
  traceCarrierFrom,
  withSpan,
} from '@prood/http/tracing';
import { isId, newId } from '@prood/validators';
import type { ErrorBody, ErrorCode } from '../errors';
import type { WebhookIngestDeps } from './deps';
import type { AppliedEffect } from './events';
import { recordAndApplyEvents } from './record-and-apply';

/** A forwarded provider webhook, exactly as the checkout app sent it. */
export interface PaymentWebhookInput {
  /** Route segment: `stripe`, `sandbox`. */
  provider: string;
  /** `?org=` — the tenant whose secret signed the event. */
  orgId: string | null;
  /** The provider's bytes, unchanged; signatures are checked on these. */
  rawBody: Uint8Array | string;
  headers: Headers;
}

export type PaymentWebhookResult =
  | {
      status: 200;
      body: { received: true; duplicate?: true; applied?: AppliedEffect[] };
    }
  | { status: RefusalStatus; body: ErrorBody };

type RefusalStatus = 400 | 401 | 404 | 413 | 500 | 503;

/** Provider failures that no retry will fix: the request is refused with 400. */
const REFUSED: ReadonlySet<ProviderErrorCode> = new Set([
  'webhook_signature_missing',
  'webhook_signature_invalid',
  'webhook_timestamp_out_of_tolerance',
  'webhook_payload_invalid',
  'webhook_tenant_mismatch',
]);

/** The status comes from the code, in `@prood/http`'s one table. */
function refuse(code: ErrorCode, message: string): PaymentWebhookResult {
  return { status: httpStatusFor(code) as RefusalStatus, body: errorBody(code, message) };
}

/**
 * Ingests one forwarded provider webhook (`POST /webhooks/payments/{provider}?org={orgId}`).
 * Checks `x-checkout-secret` in constant time (401), the tenant (404) and its provider (404),
 * verifies the provider signature again on the unchanged bytes (400), then stores and applies
 * the event in one transaction. A duplicate answers 200 with no effect; anything the provider
 * should retry answers 5xx with nothing written. Never throws.
 *
 * @example
 * // apps/api/src/app/webhooks/payments/[provider]/route.ts
 * export async function POST(request: Request, { params }: { params: Promise<{ provider: string }> }) {
 *   const result = await ingestPaymentWebhook(getPaymentDeps(), {
 *     provider: (await params).provider,
 *     orgId: new URL(request.url).searchParams.get('org'),
 *     rawBody: new Uint8Array(await request.arrayBuffer()),
 *     headers: request.headers,
 *   });
 *   return Response.json(result.body, { status: result.status });
 * }
 */
export async function ingestPaymentWebhook(
  deps: WebhookIngestDeps,
  input: PaymentWebhookInput,
): Promise<PaymentWebhookResult> {
  const log = deps.logger.child({ provider: input.provider, tenantId: input.orgId });
  if (!checkoutSecretMatches(deps.checkoutSecret, input.headers.get('x-checkout-secret'))) {
    return refuse('unauthorized', 'Missing or wrong x-checkout-secret.');
  }
  const orgId = input.orgId;
  // a malformed id is answered like an unknown one
  if (!orgId || !isId('organization', orgId)) return refuse('not_found', 'No such organization.');

  let provider: PaymentProvider;
  try {
    // one read of the organization and its integration per event; the provider built from
    // that integration version is cached by the resolver
    const { organizationExists, integration } = await getOrganizationIntegration(deps.db, {
      tenantId: orgId,
      provider: input.provider,
    });
    if (!organizationExists) return refuse('not_found', 'No such organization.');
    if (!integration?.enabled) {
      return refuse('provider_not_connected', `No ${input.provider} integration is connected.`);
    }
    provider = await deps.resolveProvider(orgId, input.provider, integration);
  } catch (error) {
    if (
      isProviderError(error) &&
      (error.code === 'unknown_provider' || error.code === 'provider_disabled')
    ) {
      return refuse('provider_not_connected', `No ${input.provider} integration is connected.`);
    }
    log.error({ err: error }, 'webhook: provider could not be built');
    return refuse('service_unavailable', 'The provider could not be loaded; retry later.');
  }

  let parsed: Awaited<ReturnType<PaymentProvider['parseWebhook']>>;
  try {
    parsed = await provider.parseWebhook({
      rawBody: input.rawBody,
      headers: input.headers,
      tenantId: orgId,
    });
  } catch (error) {
    if (isProviderError(error) && REFUSED.has(error.code)) {
      log.warn({ code: error.code }, 'webhook refused');
      return refuse(
        error.code === 'webhook_payload_invalid'
          ? 'webhook_payload_invalid'
          : 'webhook_signature_invalid',
        error.message,
      );
    }
    if (isProviderError(error) && !error.retryable) {
      log.warn({ code: error.code }, 'webhook refused');
      return refuse('webhook_payload_invalid', error.message);
    }
    log.error({ err: error }, 'webhook: verification failed unexpectedly');
    return refuse('service_unavailable', 'The event could not be verified now; retry later.');
  }
  // belt and braces: a provider must never map an event onto another tenant or provider
  if (parsed.events.some((e) => e.tenantId !== orgId || e.provider !== input.provider)) {
    return refuse('webhook_signature_invalid', 'The event belongs to another account.');
  }

  try {
    const result = await recordAndApplyEvents(deps.db, deps.jobs, {
      tenantId: orgId,
      provider: input.provider,
      eventKey: parsed.eventId,
      type: parsed.type,
      events: parsed.events,
    });
    log.info(
      {
        eventId: parsed.eventId,
        type: parsed.type,
        duplicate: result.duplicate,
        applied: result.applied,
      },
      'webhook ingested',
    );
    return result.duplicate
      ? { status: 200, body: { received: true, duplicate: true } }
      : { status: 200, body: { received: true, applied: result.applied } };
  } catch (error) {
    log.error({ err: error, eventId: parsed.eventId }, 'webhook: applying failed, rolled back');
    return refuse('internal_error', 'The event could not be stored; retry later.');
  }
}

/**
 * The same as a `Request → Response` function for `/webhooks/payments/{provider}?org=…`, for
 * route handlers that prefer it and for tests over real HTTP.
 *
 * @example
 * const handle = createPaymentWebhookHandler(deps);
 * export const POST = (request: Request) => handle(request);
 */
export function createPaymentWebhookHandler(deps: WebhookIngestDeps) {
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const match = url.pathname.match(/\/webhooks\/payments\/([a-z0-9_-]+)\/?$/);
    if (request.method !== 'POST' || !match?.[1]) {
      return Response.json(errorBody('not_found', 'No such route.'), { status: 404 });
    }
    const provider = match[1];
    // the checkout app's request id and trace continue here, and into the jobs enqueued below
    const requestId = incomingRequestId(request.headers) ?? newId('request');
    const response = await runWithRequestId(requestId, () =>
      withSpan(
        'api.webhook.ingest',
        { 'prood.provider': provider, 'prood.request_id': requestId },
        async (span) => {
          const rawBody = await readWebhookBody(request);
          if (rawBody instanceof Response) return rawBody;
          const result = await ingestPaymentWebhook(
            { ...deps, logger: deps.logger.child({ requestId }) },
            { provider, orgId: url.searchParams.get('org'), rawBody, headers: request.headers },
          );
          setHttpStatus(span, result.status);
          return Response.json(result.body, { status: result.status });
        },
        { kind: SpanKind.SERVER, parent: traceCarrierFrom(request.headers) },
      ),
    );
    response.headers.set('x-request-id', requestId);
    return response;
  };
}
