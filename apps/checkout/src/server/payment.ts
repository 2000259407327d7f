import 'server-only';
import { type CheckoutLineItem, CheckoutSession } from '@prood/checkout';
import {
  isSessionConflictError,
  loadSession,
  resolveCheckoutBaseUrl,
  saveSession,
} from '@prood/checkout-host';
import { getCheckoutOrderView, reportProviderSession } from './commerce-api';
import { defaultProviderId, getTenant, resolveTenantProvider } from './context';

export class CheckoutPageError extends Error {
  override name = 'CheckoutPageError';
  constructor(
    readonly code: 'not_found' | 'expired' | 'complete' | 'no_provider' | 'busy',
    message: string,
  ) {
    super(message);
  }
}

/** What the shopper pays for: the order's lines from the database, or the link's one line. */
export async function linesForSession(snapshot: {
  tenantId: string;
  orderId: string | null;
  description: string | null;
  amount: number;
}): Promise<{ mode: 'payment' | 'subscription'; lineItems: CheckoutLineItem[] }> {
  if (snapshot.orderId) {
    const order = await getCheckoutOrderView(snapshot.tenantId, snapshot.orderId);
    if (!order) throw new CheckoutPageError('not_found', 'This checkout does not exist.');
    return { mode: order.mode, lineItems: order.lineItems };
  }
  return {
    mode: 'payment',
    lineItems: [
      { name: snapshot.description ?? 'Payment', unitAmount: snapshot.amount, quantity: 1 },
    ],
  };
}

/**
 * Moves a session through its steps to `payment`, starts the payment with the tenant's provider
 * and returns where to send the shopper. The save is a compare-and-set: if another request
 * saved first, reload and go again.
 */
export async function beginHostedPayment(id: string): Promise<string> {
  for (let round = 0; round < 3; round += 1) {
    const snapshot = await loadSession(id);
    if (!snapshot) throw new CheckoutPageError('not_found', 'This checkout does not exist.');
    const providerId = snapshot.provider ?? (await defaultProviderId(snapshot.tenantId));
    if (!providerId)
      throw new CheckoutPageError('no_provider', 'This shop cannot take payments yet.');
    const provider = await resolveTenantProvider(snapshot.tenantId, providerId);
    const session = CheckoutSession.hydrate(snapshot, { provider });
    if (session.status === 'complete') throw new CheckoutPageError('complete', 'Already paid.');
    if (session.state === 'expired' || session.state === 'canceled') {
      throw new CheckoutPageError('expired', 'This checkout has expired.');
    }
    if (snapshot.provider === null) session.assignProvider(providerId);
    if (session.state === 'idle') session.start();
    if (session.state === 'info') session.submitInfo({}, snapshot.fulfillment.type);
    if (session.state === 'shipping' && snapshot.fulfillment.address) {
      session.submitShipping(snapshot.fulfillment.address);
    }
    if (session.state === 'failed') session.retry();
    if (session.state !== 'payment') {
      throw new CheckoutPageError('busy', 'This payment is already being confirmed.');
    }

    const tenant = await getTenant(snapshot.tenantId);
    const { mode, lineItems } = await linesForSession(snapshot);
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
      successUrl: `${base}/c/${id}/success`,
      cancelUrl: `${base}/c/${id}/cancel`,
      expiresAt: session.expiresAt,
      allowPromotionCodes: tenant?.allowPromotionCodes ?? false,
      flow: 'hosted',
    });
    if (started.kind !== 'redirect') {
      throw new CheckoutPageError('no_provider', 'This provider needs the embedded payment form.');
    }
    if (snapshot.orderId) {
      // durable in Postgres before the shopper can pay: reconciliation needs it later
      await reportProviderSession({
        tenantId: snapshot.tenantId,
        checkoutSessionId: id,
        provider: providerId,
        providerSessionId: started.providerSessionId,
      });
    }
    session.attachProviderIds({ providerSessionId: started.providerSessionId });
    try {
      await saveSession(id, session.toSnapshot());
    } catch (error) {
      if (isSessionConflictError(error)) continue;
      throw error;
    }
    return started.redirectUrl;
  }
  throw new CheckoutPageError('busy', 'This checkout is busy; try again.');
}
