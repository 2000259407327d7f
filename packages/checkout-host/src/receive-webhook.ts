import {
  CheckoutSession,
  isProviderError,
  type NormalizedPaymentEvent,
  type ParsedWebhook,
  type PaymentProvider,
} from '@prood/checkout';
import { errorResponse, readWebhookBody } from '@prood/http';
import {
  incomingRequestId,
  SpanKind,
  setHttpStatus,
  traceCarrierFrom,
  withSpan,
} from '@prood/http/tracing';
import { isRegisteredProvider, providerForwardHeaders } from '@prood/provider-factory';
import { newId } from '@prood/validators';
import { isSessionConflictError, SessionNotFoundError } from './errors';
import {
  type ForwardOptions,
  forwardPaymentWebhook,
  reportWebhookRejection,
} from './forward-webhook';
import type { CheckoutProviderId } from './inputs';
import { loadSession, type SessionCallOptions, saveSession } from './sessions';

/** One provider webhook as the checkout app's route receives it. */
export interface ReceiveProviderWebhookInput {
  /** Route segment `{provider}`: a registered provider id; anything else answers 404. */
  provider: string;
  /** Route segment `{org}`: the tenant whose own secret must have signed the event. */
  orgId: string;
  /** The untouched request: its raw bytes are verified and forwarded as they are. */
  request: Request;
}

export interface ReceiveProviderWebhookOptions extends SessionCallOptions {
  /** Builds the tenant's provider from its stored integration (e.g. `createTenantProviderResolver`). */
  resolveProvider: (tenantId: string, providerId: CheckoutProviderId) => Promise<PaymentProvider>;
  /** Where and how to forward; defaults to `COMMERCE_API_URL` and `CHECKOUT_API_SECRET`. */
  forward?: ForwardOptions;
}

/** Optimistic rounds against concurrent writers of the same session before giving up. */
const SESSION_CAS_ROUNDS = 3;

/**
 * Moves our checkout session along with what the provider says (compare-and-set save, retried
 * on conflict); late or irrelevant events change nothing. The API, not the session, is the
 * record of the payment, so a session that is gone is simply skipped.
 */
async function applyToSession(
  event: NormalizedPaymentEvent,
  options: SessionCallOptions,
): Promise<void> {
  const id = event.checkoutSessionId;
  if (!id || !/^cs_/.test(id)) return;
  for (let round = 0; round < SESSION_CAS_ROUNDS; round += 1) {
    const snapshot = await loadSession(id, options).catch(() => null);
    if (!snapshot || snapshot.tenantId !== event.tenantId) return;
    const session = CheckoutSession.hydrate(snapshot, options.now ? { now: options.now } : {});
    const ids = {
      ...(event.providerSessionId ? { providerSessionId: event.providerSessionId } : {}),
      ...(event.providerPaymentId ? { providerPaymentId: event.providerPaymentId } : {}),
    };
    const paying = session.state === 'payment' || session.state === 'confirming';
    if (event.type === 'payment.succeeded' && (paying || session.state === 'failed')) {
      // money moved: a success wins even after an earlier decline on the same session
      if (session.state === 'failed') session.retry();
      session.markSucceeded(ids);
    } else if (event.type === 'payment.processing' && session.state === 'payment') {
      session.submitPayment(ids);
    } else if (event.type === 'payment.failed' && paying) {
      session.markFailed();
    } else if (
      event.type === 'checkout.expired' &&
      !['complete', 'expired', 'canceled'].includes(session.storedState)
    ) {
      session.expire();
    } else {
      return;
    }
    try {
      await saveSession(id, session.toSnapshot(), options);
      return;
    } catch (error) {
      // its TTL ran out between load and save: nothing left to move
      if (error instanceof SessionNotFoundError) return;
      if (!isSessionConflictError(error)) throw error;
    }
  }
}

function signatureOf(provider: CheckoutProviderId, headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  // a fetch-back provider has none: its body names the object and the API fetches it back too
  for (const name of providerForwardHeaders(provider) ?? []) {
    const value = headers.get(name);
    if (value) out[name] = value;
  }
  return out;
}

/**
 * The checkout app's `POST /api/webhooks/{provider}/{org}`: verifies the raw bytes with the
 * tenant's own secret (400 and nothing else when that fails; 404 for an unknown provider or
 * integration; 503 when verification could not run), forwards the same bytes to the commerce
 * API, and only once the API has stored the event moves the checkout session. Answers 2xx only
 * once the API has stored the event, and 503 otherwise so the provider retries. A session store
 * that is down does not fail the delivery: the event is what must not be lost.
 *
 * @example
 * // apps/checkout/src/app/api/webhooks/[provider]/[org]/route.ts
 * export async function POST(request: Request, { params }: { params: Promise<{ provider: string; org: string }> }) {
 *   const { provider, org } = await params;
 *   return receiveProviderWebhook(
 *     { provider, orgId: org, request },
 *     { resolveProvider: resolveTenantProvider, forward: { commerceApiUrl, secret } },
 *   );
 * }
 */
export async function receiveProviderWebhook(
  input: ReceiveProviderWebhookInput,
  options: ReceiveProviderWebhookOptions,
): Promise<Response> {
  // one request id and one trace from here through the API's ingest into its jobs
  const requestId = incomingRequestId(input.request.headers) ?? newId('request');
  const response = await withSpan(
    'checkout.webhook.receive',
    {
      'prood.provider': input.provider,
      'prood.tenant_id': input.orgId,
      'prood.request_id': requestId,
    },
    async (span) => {
      const answer = await receiveVerifiedWebhook(input, options, requestId);
      setHttpStatus(span, answer.status);
      return answer;
    },
    { kind: SpanKind.SERVER, parent: traceCarrierFrom(input.request.headers) },
  );
  response.headers.set('x-request-id', requestId);
  return response;
}

async function receiveVerifiedWebhook(
  input: ReceiveProviderWebhookInput,
  options: ReceiveProviderWebhookOptions,
  requestId: string,
): Promise<Response> {
  const { provider, orgId, request } = input;
  if (!isRegisteredProvider(provider)) return errorResponse('not_found', 'Unknown provider.');
  const rawBody = await readWebhookBody(request);
  if (rawBody instanceof Response) return rawBody;
  let parsed: ParsedWebhook;
  try {
    const instance = await options.resolveProvider(orgId, provider);
    parsed = await instance.parseWebhook({ rawBody, headers: request.headers, tenantId: orgId });
  } catch (error) {
    if (!isProviderError(error)) throw error;
    const reason = { reason: error.code };
    if (error.retryable) return errorResponse('service_unavailable', 'Try again later.', reason);
    if (error.code === 'provider_disabled' || error.code === 'unknown_provider') {
      return errorResponse('not_found', 'No such integration.');
    }
    // counted for the merchant's provider event log (reason and size only, never the body)
    await reportWebhookRejection(
      { provider, orgId, reason: error.code, bytes: rawBody.byteLength, requestId },
      options.forward,
    );
    return errorResponse(
      error.code === 'webhook_payload_invalid'
        ? 'webhook_payload_invalid'
        : 'webhook_signature_invalid',
      'Webhook verification failed.',
      reason,
    );
  }

  // The database is the source of truth: forward first, and move the session only once the
  // API has stored the event.
  const forwarded = await forwardPaymentWebhook(
    {
      provider,
      orgId,
      payload: rawBody,
      signature: signatureOf(provider, request.headers),
      eventId: parsed.eventId,
      contentType: request.headers.get('content-type') ?? 'application/json',
      requestId,
    },
    options.forward,
  );
  if (!forwarded.ok) {
    // whatever went wrong on the way (API down, misconfigured secret), the provider must retry
    return errorResponse('forward_failed', 'The event could not be recorded yet.');
  }
  const sessionOptions: SessionCallOptions = {
    ...(options.store ? { store: options.store } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  for (const event of parsed.events) {
    // the event is recorded; a session store that is down only delays the shopper's view,
    // which re-derives its state from the order
    await applyToSession(event, sessionOptions).catch(() => undefined);
  }
  return Response.json({ received: true }, { status: 200 });
}
