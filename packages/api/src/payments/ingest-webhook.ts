import { isProviderError, type PaymentProvider, type ProviderErrorCode } from '@prood/checkout';
import { checkoutSecretMatches } from '@prood/checkout-host';
import {
  getOrganizationIntegration,
  recordWebhookEventFailure,
  recordWebhookRejection,
} from '@prood/db';
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
import { z } from 'zod';
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
function refuse(code: ErrorCode, message: string): { status: RefusalStatus; body: ErrorBody } {
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
    if (isProviderError(error) && !error.retryable) {
      // the merchant's log shows the refusal: who, when, why and how big, never the body
      await noteRejection(deps, {
        tenantId: orgId,
        provider: input.provider,
        reason: error.code,
        source: 'api',
        bytes: byteLength(input.rawBody),
      });
    }
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
    await noteRejection(deps, {
      tenantId: orgId,
      provider: input.provider,
      reason: 'webhook_tenant_mismatch',
      source: 'api',
      bytes: byteLength(input.rawBody),
    });
    return refuse('webhook_signature_invalid', 'The event belongs to another account.');
  }

  try {
    const result = await recordAndApplyEvents(deps.db, deps.jobs, {
      tenantId: orgId,
      provider: input.provider,
      eventKey: parsed.eventId,
      type: parsed.type,
      events: parsed.events,
      rawBody: input.rawBody,
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
    // outside the rolled-back transaction, so the merchant's log shows the failure until a
    // retry applies it; best effort, the provider retries either way
    await recordWebhookEventFailure(deps.db, {
      tenantId: orgId,
      provider: input.provider,
      eventId: parsed.eventId,
      type: parsed.type,
      normalized: [...parsed.events],
      rawBody: input.rawBody,
      error: failureMessage(error),
    }).catch((err: unknown) => log.error({ err }, 'webhook: failure could not be noted'));
    return refuse('internal_error', 'The event could not be stored; retry later.');
  }
}

const byteLength = (raw: Uint8Array | string) =>
  typeof raw === 'string' ? Buffer.byteLength(raw) : raw.byteLength;

/** What the merchant reads about a failed attempt: the error's code or name and message. */
function failureMessage(error: unknown): string {
  if (isProviderError(error)) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return 'Unknown error';
}

/** Records a refused delivery; a failure to record never changes the answer to the sender. */
async function noteRejection(
  deps: WebhookIngestDeps,
  input: Parameters<typeof recordWebhookRejection>[1],
): Promise<void> {
  await recordWebhookRejection(deps.db, input).catch((err: unknown) =>
    deps.logger.error({ err }, 'webhook: rejection could not be recorded'),
  );
}

const rejectionNoticeSchema = z.object({
  reason: z.string().regex(/^[a-z0-9_]{1,64}$/, 'must be an error code'),
  bytes: z.number().int().min(0).max(1_000_000_000),
});

/**
 * The checkout app's note that it refused a delivery for `{orgId}` before forwarding it
 * (`POST /webhooks/payments/{provider}/rejections?org=…`, `{ reason, bytes }`, shared secret):
 * recorded for the merchant's provider event log, without the refused body. 202 once counted.
 */
export async function recordWebhookRejectionNotice(
  deps: WebhookIngestDeps,
  input: { provider: string; orgId: string | null; body: string; headers: Headers },
): Promise<{ status: 202; body: { recorded: true } } | { status: RefusalStatus; body: ErrorBody }> {
  if (!checkoutSecretMatches(deps.checkoutSecret, input.headers.get('x-checkout-secret'))) {
    return refuse('unauthorized', 'Missing or wrong x-checkout-secret.');
  }
  if (!input.orgId || !isId('organization', input.orgId)) {
    return refuse('not_found', 'No such organization.');
  }
  let notice: z.infer<typeof rejectionNoticeSchema>;
  try {
    notice = rejectionNoticeSchema.parse(JSON.parse(input.body));
  } catch {
    return refuse('validation_error', 'Expected { reason, bytes }.');
  }
  try {
    await recordWebhookRejection(deps.db, {
      tenantId: input.orgId,
      provider: input.provider,
      reason: notice.reason,
      source: 'checkout',
      bytes: notice.bytes,
    });
  } catch (err) {
    deps.logger.error({ err }, 'webhook: rejection notice could not be recorded');
    return refuse('service_unavailable', 'Not recorded; retry later.');
  }
  return { status: 202, body: { recorded: true } };
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
    const match = url.pathname.match(/\/webhooks\/payments\/([a-z0-9_-]+)(\/rejections)?\/?$/);
    if (request.method !== 'POST' || !match?.[1]) {
      return Response.json(errorBody('not_found', 'No such route.'), { status: 404 });
    }
    const provider = match[1];
    if (match[2]) {
      const text = await request.text().catch(() => '');
      const result = await recordWebhookRejectionNotice(deps, {
        provider,
        orgId: url.searchParams.get('org'),
        body: text.slice(0, 1024),
        headers: request.headers,
      });
      return Response.json(result.body, { status: result.status });
    }
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
