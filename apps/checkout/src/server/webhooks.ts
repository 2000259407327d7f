import 'server-only';
import {
  CheckoutSession,
  type NormalizedPaymentEvent,
  type ParsedWebhook,
  ProviderError,
} from '@prood/checkout';
import {
  CHECKOUT_PROVIDER_IDS,
  type CheckoutProviderId,
  forwardPaymentWebhook,
  isSessionConflictError,
  loadSession,
  PROVIDER_SIGNATURE_HEADERS,
  saveSession,
} from '@prood/checkout-host';
import { resolveTenantProvider } from './context';
import { errorResponse } from './internal';

/** Moves our checkout session along with what the provider says; late events change nothing. */
async function applyToSession(event: NormalizedPaymentEvent): Promise<void> {
  const id = event.checkoutSessionId;
  if (!id || !/^cs_/.test(id)) return;
  for (let round = 0; round < 3; round += 1) {
    const snapshot = await loadSession(id).catch(() => null);
    if (!snapshot || snapshot.tenantId !== event.tenantId) return;
    const session = CheckoutSession.hydrate(snapshot);
    const ids = {
      ...(event.providerSessionId ? { providerSessionId: event.providerSessionId } : {}),
      ...(event.providerPaymentId ? { providerPaymentId: event.providerPaymentId } : {}),
    };
    const paying = session.state === 'payment' || session.state === 'confirming';
    if (event.type === 'payment.succeeded' && (paying || session.state === 'failed')) {
      // money moved: a success wins even after an earlier decline on the same session
      if (session.state === 'failed') session.retry();
      session.markSucceeded(ids);
    } else if (event.type === 'payment.processing' && session.state === 'payment')
      session.submitPayment(ids);
    else if (event.type === 'payment.failed' && paying) session.markFailed();
    else if (
      event.type === 'checkout.expired' &&
      !['complete', 'expired', 'canceled'].includes(session.storedState)
    ) {
      session.expire();
    } else return;
    try {
      await saveSession(id, session.toSnapshot());
      return;
    } catch (error) {
      if (!isSessionConflictError(error)) throw error;
    }
  }
}

function signatureOf(provider: CheckoutProviderId, headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PROVIDER_SIGNATURE_HEADERS[provider]) {
    const value = headers.get(name);
    if (value) out[name] = value;
  }
  return out;
}

/**
 * `POST /api/webhooks/{provider}/{org}`: verify with the tenant's own secret on the raw bytes
 * (400 and nothing else when that fails), move the session, then forward the same bytes to the
 * API. 2xx only once the API has stored the event; otherwise 5xx so the provider retries.
 */
export async function receiveProviderWebhook(
  providerParam: string,
  orgId: string,
  request: Request,
): Promise<Response> {
  if (!(CHECKOUT_PROVIDER_IDS as readonly string[]).includes(providerParam)) {
    return errorResponse(404, 'not_found', 'Unknown provider.');
  }
  const provider = providerParam as CheckoutProviderId;
  const rawBody = new Uint8Array(await request.arrayBuffer());
  let parsed: ParsedWebhook;
  try {
    const instance = await resolveTenantProvider(orgId, provider);
    parsed = await instance.parseWebhook({ rawBody, headers: request.headers, tenantId: orgId });
  } catch (error) {
    if (error instanceof ProviderError) {
      if (error.retryable) return errorResponse(503, error.code, 'Try again later.');
      if (error.code === 'provider_disabled' || error.code === 'unknown_provider') {
        return errorResponse(404, 'not_found', 'No such integration.');
      }
      return errorResponse(400, error.code, 'Webhook verification failed.');
    }
    throw error;
  }
  for (const event of parsed.events) await applyToSession(event);

  const forwarded = await forwardPaymentWebhook({
    provider,
    orgId,
    payload: rawBody,
    signature: signatureOf(provider, request.headers),
    eventId: parsed.eventId,
    contentType: request.headers.get('content-type') ?? 'application/json',
  });
  if (!forwarded.ok) {
    // Whatever went wrong on the way (API down, misconfigured secret), the provider must retry.
    return errorResponse(503, 'forward_failed', 'The event could not be recorded yet.');
  }
  return Response.json({ received: true }, { status: 200 });
}
