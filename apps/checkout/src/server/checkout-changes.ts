import 'server-only';
import { CheckoutSession, ProviderError } from '@prood/checkout';
import {
  isSessionConflictError,
  loadSession,
  resolveCheckoutBaseUrl,
  saveSession,
} from '@prood/checkout-host';
import {
  type CheckoutPaymentUi,
  completeSandboxAuthentication,
  providerCheckoutUi,
  submitSandboxCard,
} from '@prood/provider-factory';
import type { CheckoutOrderChange } from '@prood/validators';
import {
  CommerceApiRefusal,
  CommerceApiUnavailable,
  fetchCheckoutOrderPayment,
  reportProviderSession,
  restartCheckout,
  sendCheckoutOrderChange,
} from './commerce-api';
import { defaultProviderId, getSandboxRuntime, getTenant, resolveTenantProvider } from './context';
import { linesForLink } from './payment';

/** The outcome of a shopper's step: a message code for the page, never free text. */
export type StepResult = { ok: true; notice?: string } | { ok: false; error: string };

const CAS_ROUNDS = 3;

/**
 * Moves the session's amount to the order's (already repriced) total by compare-and-set:
 * a concurrent save makes us reload and try again, so the last write always carries the
 * order's latest total from the database.
 */
async function syncSessionAmount(id: string, tenantId: string, orderId: string): Promise<void> {
  for (let round = 0; round < CAS_ROUNDS; round += 1) {
    const [snapshot, order] = await Promise.all([
      loadSession(id),
      fetchCheckoutOrderPayment(tenantId, orderId),
    ]);
    if (!snapshot || !order) return;
    const session = CheckoutSession.hydrate(snapshot);
    if (session.amount === order.total && session.currency === order.currency) return;
    session.updateAmount(order.total, order.currency);
    try {
      await saveSession(id, session.toSnapshot());
      return;
    } catch (error) {
      if (!isSessionConflictError(error)) throw error;
    }
  }
  throw new CommerceApiRefusal('busy', 409, 'The checkout changed while saving; try again.');
}

/**
 * One shopper change (contact, address, shipping option, coupon, quantity): the API reprices
 * the order, then the session follows. Refused once the payment step has started, so the
 * amount a provider charges can never drift from the order.
 */
export async function changeCheckoutOrder(
  id: string,
  change: CheckoutOrderChange,
  notice: string,
): Promise<StepResult> {
  const snapshot = await loadSession(id);
  if (!snapshot?.orderId) return { ok: false, error: 'order_not_payable' };
  const session = CheckoutSession.hydrate(snapshot);
  if (session.status !== 'open') return { ok: false, error: 'order_not_payable' };
  if (session.amountLocked) return { ok: false, error: 'locked' };
  try {
    await sendCheckoutOrderChange(snapshot.tenantId, snapshot.orderId, change);
    await syncSessionAmount(id, snapshot.tenantId, snapshot.orderId);
  } catch (error) {
    // the API's refusal keeps its stable code; an API that cannot answer is "busy, try again"
    if (error instanceof CommerceApiRefusal) return { ok: false, error: error.code };
    if (error instanceof CommerceApiUnavailable) return { ok: false, error: 'busy' };
    throw error;
  }
  return { ok: true, notice };
}

/**
 * Brings the session to its payment step with the tenant's provider and returns the provider's
 * session. Reuses a payment already started; after a failure starts a new attempt.
 */
async function ensurePaymentStarted(
  id: string,
  options: { fresh?: boolean; flow?: 'hosted' | 'embedded' } = {},
): Promise<
  { providerId: string; providerSessionId: string; redirectUrl?: string } | { error: string }
> {
  const flow = options.flow ?? 'hosted';
  for (let round = 0; round < CAS_ROUNDS; round += 1) {
    const snapshot = await loadSession(id);
    if (!snapshot) return { error: 'unknown' };
    const providerId = snapshot.provider ?? (await defaultProviderId(snapshot.tenantId));
    if (!providerId) return { error: 'no_provider' };
    // a hosted redirect needs the provider's URL, which the session does not keep: start afresh
    if (!options.fresh && snapshot.state === 'payment' && snapshot.providerSessionId) {
      return { providerId, providerSessionId: snapshot.providerSessionId };
    }
    const provider = await resolveTenantProvider(snapshot.tenantId, providerId);
    const session = CheckoutSession.hydrate(snapshot, { provider });
    if (session.status !== 'open') return { error: 'order_not_payable' };
    // the order's amount, lines and mode from the API, which owns it; a link's from the session
    const order = snapshot.orderId
      ? await fetchCheckoutOrderPayment(snapshot.tenantId, snapshot.orderId)
      : null;
    if (snapshot.orderId) {
      if (!order?.payable) return { error: 'order_not_payable' };
      if (order.shippingRequired) return { error: 'shipping_required' };
      // the amount charged is the order's, never anything older
      if (!session.amountLocked && session.amount !== order.total) {
        session.updateAmount(order.total, order.currency);
      }
      if (session.amount !== order.total) return { error: 'busy' };
    }
    if (snapshot.provider === null) session.assignProvider(providerId);
    if (session.state === 'idle') session.start();
    if (session.state === 'info') session.submitInfo({}, snapshot.fulfillment.type);
    if (session.state === 'shipping' && snapshot.fulfillment.address) {
      session.submitShipping(snapshot.fulfillment.address);
    }
    if (session.state === 'failed') session.retry();
    if (session.state !== 'payment') return { error: 'busy' };

    const { mode, lineItems } = order ?? linesForLink(snapshot);
    const allowPromotionCodes = order
      ? order.allowPromotionCodes
      : ((await getTenant(snapshot.tenantId))?.allowPromotionCodes ?? false);
    const base = resolveCheckoutBaseUrl();
    const started = await provider.startPayment({
      tenantId: snapshot.tenantId,
      checkoutSessionId: id,
      orderId: snapshot.orderId ?? id,
      attempt: Math.max(session.attempt, 1),
      amount: session.amount,
      currency: session.currency,
      mode,
      lineItems,
      customer: { email: snapshot.customerInfo.email ?? undefined },
      successUrl: `${base}/c/${id}`,
      cancelUrl: `${base}/c/${id}/cancel`,
      expiresAt: session.expiresAt,
      allowPromotionCodes,
      flow,
    });
    // the embedded flow's attempt is its PaymentIntent: kept as both ids, reported like a session
    const providerSessionId =
      started.kind === 'redirect' ? started.providerSessionId : started.providerPaymentId;
    if ((started.kind === 'redirect') !== (flow === 'hosted')) return { error: 'no_provider' };
    if (snapshot.orderId) {
      // durable in Postgres before the shopper can pay: reconciliation needs it after the
      // session store has forgotten the session (issue 12, defect 2)
      await reportProviderSession({
        tenantId: snapshot.tenantId,
        checkoutSessionId: id,
        provider: providerId,
        providerSessionId,
      });
    }
    session.attachProviderIds(
      started.kind === 'redirect'
        ? { providerSessionId }
        : { providerSessionId, providerPaymentId: started.providerPaymentId },
    );
    try {
      await saveSession(id, session.toSnapshot());
    } catch (error) {
      if (isSessionConflictError(error)) continue;
      throw error;
    }
    return {
      providerId,
      providerSessionId,
      ...(started.kind === 'redirect' ? { redirectUrl: started.redirectUrl } : {}),
    };
  }
  return { error: 'busy' };
}

/** Whether a provider takes its payments the way a page step asks (its registry entry says). */
const paysWith = (providerId: string | null, ui: CheckoutPaymentUi) =>
  providerId !== null && providerCheckoutUi(providerId)?.payment === ui;

/** The inline card form on `/c/{id}` (the sandbox's): the test card decides, like Stripe test mode. */
export async function payWithSandboxCard(id: string, cardNumber: string): Promise<StepResult> {
  const started = await ensurePaymentStarted(id);
  if ('error' in started) return { ok: false, error: started.error };
  if (!paysWith(started.providerId, 'inline-card-form')) return { ok: false, error: 'no_provider' };
  try {
    const result = await submitSandboxCard(getSandboxRuntime(), {
      sandboxSessionId: started.providerSessionId,
      cardNumber,
    });
    if (result.outcome === 'declined' || result.outcome === 'insufficient_funds') {
      return { ok: false, error: result.failureCode ?? 'card_declined' };
    }
    return { ok: true };
  } catch (error) {
    if (error instanceof ProviderError) return { ok: false, error: 'card_invalid' };
    throw error;
  }
}

/**
 * "Continue to secure payment" for a provider that takes the card on its own page (Mollie,
 * Stripe Checkout): starts a fresh hosted payment and returns where to send the shopper.
 */
export async function startHostedPayment(
  id: string,
): Promise<{ ok: true; redirectUrl: string } | { ok: false; error: string }> {
  const started = await ensurePaymentStarted(id, { fresh: true });
  if ('error' in started) return { ok: false, error: started.error };
  if (paysWith(started.providerId, 'inline-card-form') || !started.redirectUrl) {
    return { ok: false, error: 'no_provider' };
  }
  return { ok: true, redirectUrl: started.redirectUrl };
}

/**
 * "Continue to payment" for an embedded element (Stripe's Payment Element): creates the PaymentIntent for the order's
 * total (which locks the amount), so the page can mount the element with its client secret.
 * A payment already started is reused: reloading the page never creates a second intent.
 */
export async function startEmbeddedPayment(id: string): Promise<StepResult> {
  const started = await ensurePaymentStarted(id, { flow: 'embedded' });
  if ('error' in started) return { ok: false, error: started.error };
  if (!paysWith(started.providerId, 'embedded-element')) return { ok: false, error: 'no_provider' };
  // a URL of its own (not only `#payment`), so the browser renders the page anew with the element
  return { ok: true, notice: 'payment_ready' };
}

/** The inline authentication step (card 3184): approve pays, fail leaves the form open. */
export async function answerSandboxAuthentication(
  id: string,
  approve: boolean,
): Promise<StepResult> {
  const snapshot = await loadSession(id);
  if (!snapshot?.providerSessionId || !paysWith(snapshot.provider, 'inline-card-form')) {
    return { ok: false, error: 'unknown' };
  }
  try {
    const result = await completeSandboxAuthentication(getSandboxRuntime(), {
      tenantId: snapshot.tenantId,
      sandboxSessionId: snapshot.providerSessionId,
      approve,
    });
    if (result.outcome !== 'succeeded') {
      return { ok: false, error: result.failureCode ?? 'payment_intent_authentication_failure' };
    }
    return { ok: true };
  } catch (error) {
    if (error instanceof ProviderError) return { ok: false, error: 'unknown' };
    throw error;
  }
}

/**
 * "Start again" on an expired session: the API opens a new session for the same order and we
 * send the shopper to it.
 */
export async function startAgain(id: string): Promise<string | null> {
  // an expired session has left the store (its TTL is its expiry); its order still names it
  const snapshot = await loadSession(id).catch(() => null);
  const restarted = await restartCheckout(
    id,
    snapshot?.orderId ? { tenantId: snapshot.tenantId, orderId: snapshot.orderId } : null,
  ).catch(() => null);
  if (!restarted) return null;
  const next = new URL(restarted.url);
  // only ever send the shopper to a page of this app
  if (next.origin !== new URL(resolveCheckoutBaseUrl()).origin) return null;
  return `${next.pathname}${next.search}`;
}
