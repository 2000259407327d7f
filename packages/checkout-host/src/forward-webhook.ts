import { type MachineResponse, machineRequest } from '@prood/http/machine-client';
import { currentTraceCarrier, SpanKind, setHttpStatus, withSpan } from '@prood/http/tracing';
import { providerForwardHeaders } from '@prood/provider-factory';
import { z } from 'zod';
import { ConfigError, hostEnv } from './env';
import { CheckoutInputError } from './errors';
import { type CheckoutProviderId, parseInput, providerIdSchema } from './inputs';

/** Header carrying the provider's event id to the API, when the caller knows it. */
export const PROVIDER_EVENT_ID_HEADER = 'x-provider-event-id';
/** Header carrying the shared secret between checkout app and commerce API. */
export const CHECKOUT_SECRET_HEADER = 'x-checkout-secret';

const MAX_RESPONSE_BODY = 64 * 1024;

export interface ForwardPaymentWebhookInput {
  provider: CheckoutProviderId;
  /** The tenant named by the webhook URL. */
  orgId: string;
  /** The provider's raw bytes, forwarded unchanged. Pass bytes when you have them. */
  payload: string | Uint8Array;
  /**
   * The provider's signature: a string for its main header (`stripe-signature`,
   * `webhook-signature`), or the signature headers by name (Standard Webhooks needs three).
   * Omitted for a fetch-back provider (Mollie): its body names the object, the API fetches it.
   */
  signature?: string | Record<string, string> | undefined;
  /** The provider's event id, when already known (e.g. after verification). */
  eventId?: string;
  /** Defaults to `application/json`. */
  contentType?: string;
  requestId?: string;
}

export interface ForwardOptions {
  /** Default `COMMERCE_API_URL`. */
  commerceApiUrl?: string;
  /** Default `CHECKOUT_API_SECRET`. */
  secret?: string;
  /** Default `CHECKOUT_FORWARD_TIMEOUT_MS` (4 s, at most 5 s). */
  timeoutMs?: number;
}

export type ForwardErrorCode = 'upstream_rejected' | 'upstream_error' | 'timeout' | 'network_error';

/**
 * The API's outcome. `retryable` tells the caller to answer the provider 5xx so it retries;
 * otherwise answer with `status` (2xx acknowledged, 4xx never going to succeed).
 */
export type ForwardResult =
  | { ok: true; status: number; body: string }
  | {
      ok: false;
      status: number | undefined;
      retryable: boolean;
      body: string | undefined;
      error: { code: ForwardErrorCode; message: string };
    };

const inputSchema = z.object({
  provider: providerIdSchema,
  orgId: z.string().trim().min(1, 'must not be empty').max(200, 'is too long'),
  payload: z.union([z.string(), z.instanceof(Uint8Array)], {
    error: 'must be the raw body as a string or Uint8Array',
  }),
  signature: z
    .union([z.string().min(1, 'must not be empty'), z.record(z.string(), z.string())], {
      error: 'must be a header value or a record of signature headers',
    })
    .optional(),
  eventId: z.string().min(1).max(255).optional(),
  contentType: z.string().min(1).optional(),
  requestId: z.string().min(1).max(255).optional(),
});

/**
 * The signature headers to pass on: exactly the provider's own (its registry entry names them),
 * none for a fetch-back provider, which must then be given none.
 */
function signatureHeaders(
  provider: CheckoutProviderId,
  signature: string | Record<string, string> | undefined,
): Record<string, string> {
  const allowed = providerForwardHeaders(provider) ?? [];
  if (allowed.length === 0) {
    if (
      signature === undefined ||
      (typeof signature !== 'string' && Object.keys(signature).length === 0)
    )
      return {};
    throw new CheckoutInputError('forwardPaymentWebhook', [
      {
        field: 'signature',
        message: `${provider} webhooks carry no signature: they are fetched back`,
      },
    ]);
  }
  if (signature === undefined) {
    throw new CheckoutInputError('forwardPaymentWebhook', [
      { field: 'signature', message: `must hold one of ${allowed.join(', ')}` },
    ]);
  }
  if (typeof signature === 'string') return { [allowed[allowed.length - 1] ?? '']: signature };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(signature)) {
    const lower = name.toLowerCase();
    if (!allowed.includes(lower)) {
      throw new CheckoutInputError('forwardPaymentWebhook', [
        { field: `signature.${name}`, message: `is not a ${provider} signature header` },
      ]);
    }
    headers[lower] = value;
  }
  if (Object.keys(headers).length === 0) {
    throw new CheckoutInputError('forwardPaymentWebhook', [
      { field: 'signature', message: `must hold one of ${allowed.join(', ')}` },
    ]);
  }
  return headers;
}

/**
 * Forwards a verified provider webhook to the commerce API, body byte for byte:
 * `POST {COMMERCE_API_URL}/webhooks/payments/{provider}?org={orgId}` with the signature headers
 * and `x-checkout-secret`. Never throws for transport problems: the result says what happened.
 *
 * @example
 * const result = await forwardPaymentWebhook({
 *   provider: 'stripe', orgId, payload: rawBytes, signature: req.headers.get('stripe-signature'),
 * });
 * return new Response(null, { status: result.ok ? 200 : result.retryable ? 502 : result.status });
 */
export async function forwardPaymentWebhook(
  input: ForwardPaymentWebhookInput,
  options: ForwardOptions = {},
): Promise<ForwardResult> {
  const valid = parseInput('forwardPaymentWebhook', inputSchema, input);
  const secret = options.secret ?? hostEnv.CHECKOUT_API_SECRET;
  if (!secret) {
    throw new ConfigError(
      'Invalid configuration: CHECKOUT_API_SECRET: is required to forward webhooks',
    );
  }
  const base = (options.commerceApiUrl ?? hostEnv.COMMERCE_API_URL).replace(/\/+$/, '');
  const url = `${base}/webhooks/payments/${encodeURIComponent(valid.provider)}?org=${encodeURIComponent(valid.orgId)}`;
  const headers: Record<string, string> = {
    'content-type': valid.contentType ?? 'application/json',
    ...signatureHeaders(valid.provider, valid.signature),
    [CHECKOUT_SECRET_HEADER]: secret,
  };
  if (valid.eventId) headers[PROVIDER_EVENT_ID_HEADER] = valid.eventId;
  if (valid.requestId) headers['x-request-id'] = valid.requestId;
  // a string payload is sent as its UTF-8 bytes; a Uint8Array exactly as given
  const body =
    typeof valid.payload === 'string' ? Buffer.from(valid.payload, 'utf8') : valid.payload;

  let response: MachineResponse;
  try {
    response = await withSpan(
      'checkout.webhook.forward',
      { 'prood.provider': valid.provider, 'server.address': new URL(base).host },
      async (span) => {
        // W3C trace context, so the API's ingest span continues this trace
        const answer = await machineRequest(url, {
          method: 'POST',
          headers: { ...headers, ...currentTraceCarrier() },
          body,
          timeoutMs: options.timeoutMs ?? hostEnv.CHECKOUT_FORWARD_TIMEOUT_MS,
          maxBodyBytes: MAX_RESPONSE_BODY,
        });
        setHttpStatus(span, answer.status);
        return answer;
      },
      { kind: SpanKind.CLIENT },
    );
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return {
      ok: false,
      status: undefined,
      retryable: true,
      body: undefined,
      error: timedOut
        ? { code: 'timeout', message: `The commerce API did not answer within the timeout` }
        : {
            code: 'network_error',
            message: `Could not reach the commerce API: ${describe(error)}`,
          },
    };
  }
  const text = response.text;
  if (response.ok) return { ok: true, status: response.status, body: text };
  const serverError = response.status >= 500 || response.status === 429;
  return {
    ok: false,
    status: response.status,
    retryable: serverError,
    body: text,
    error: {
      code: serverError ? 'upstream_error' : 'upstream_rejected',
      message: `The commerce API answered ${response.status}`,
    },
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}

/** A delivery the checkout app refused before forwarding: why, and how big (never the body). */
export interface WebhookRejectionNotice {
  provider: CheckoutProviderId;
  orgId: string;
  /** The provider error code, e.g. `webhook_signature_invalid`. */
  reason: string;
  bytes: number;
  requestId?: string;
}

/** A note is worth at most this long a wait: the sender is refused either way. */
const NOTICE_TIMEOUT_MS = 1000;

/**
 * Tells the commerce API that a delivery for `orgId` was refused here, so the merchant's
 * provider event log shows it: `POST {COMMERCE_API_URL}/webhooks/payments/{provider}/rejections?org=…`
 * with `{ reason, bytes }` and `x-checkout-secret`. Best effort, bounded by a 1 s timeout; it
 * returns whether the API counted it and never throws.
 *
 * @example
 * await reportWebhookRejection({ provider: 'stripe', orgId, reason: 'webhook_signature_invalid', bytes: 812 });
 */
export async function reportWebhookRejection(
  notice: WebhookRejectionNotice,
  options: ForwardOptions = {},
): Promise<boolean> {
  const secret = options.secret ?? hostEnv.CHECKOUT_API_SECRET;
  if (!secret) return false;
  const base = (options.commerceApiUrl ?? hostEnv.COMMERCE_API_URL).replace(/\/+$/, '');
  const url = `${base}/webhooks/payments/${encodeURIComponent(notice.provider)}/rejections?org=${encodeURIComponent(notice.orgId)}`;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [CHECKOUT_SECRET_HEADER]: secret,
        ...(notice.requestId ? { 'x-request-id': notice.requestId } : {}),
      },
      body: JSON.stringify({ reason: notice.reason, bytes: notice.bytes }),
      redirect: 'error',
      signal: AbortSignal.timeout(
        Math.min(options.timeoutMs ?? NOTICE_TIMEOUT_MS, NOTICE_TIMEOUT_MS),
      ),
    });
    await response.body?.cancel();
    return response.status === 202;
  } catch {
    return false;
  }
}
