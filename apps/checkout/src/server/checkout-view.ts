import 'server-only';
import { CheckoutSession, type CheckoutSnapshot, canEmbedPayment } from '@prood/checkout';
import { loadSession } from '@prood/checkout-host';
import {
  type CheckoutPaymentUi,
  getSandboxCheckout,
  providerCheckoutUi,
  type SandboxCheckoutView,
} from '@prood/provider-factory';
import type { CheckoutBranding, CheckoutPageOrder, CheckoutPageView } from '@prood/validators';
import { cache } from 'react';
import { fetchCheckoutPageView, fetchCheckoutPageViewBySession } from './commerce-api';
import { getSandboxRuntime, resolveTenantProvider, sessionIntegration } from './context';

/** Which view of the one checkout page a session is in right now. */
export type CheckoutViewKind =
  | 'open'
  | 'authenticate'
  | 'processing'
  | 'success'
  | 'link_paid'
  | 'expired'
  | 'canceled'
  /** The session store cannot be read and the order is still payable: the 503 view. */
  | 'unavailable';

export interface CheckoutView {
  kind: CheckoutViewKind;
  id: string;
  /** Null once the session has expired out of the store (the order still names it). */
  snapshot: CheckoutSnapshot | null;
  session: CheckoutSession | null;
  branding: CheckoutBranding;
  testMode: boolean;
  order: CheckoutPageOrder | null;
  /** The sandbox's test cards etc. while a sandbox payment is under way. */
  sandbox: SandboxCheckoutView | null;
  /** The provider's embedded element once its payment exists: what the browser mounts it with. */
  embedded: EmbeddedPaymentView | null;
  /**
   * How this session's provider takes the payment (its registry entry's `checkoutUi`), the
   * tenant's default provider when the session names none yet; null when none is configured.
   */
  paymentUi: CheckoutPaymentUi | null;
  /** Whether "start again" can open a new session (an expired session of a payable order). */
  canStartAgain: boolean;
}

export type EmbeddedPaymentView =
  | {
      ready: true;
      publishableKey: string;
      clientSecret: string;
      /** Paid or settling at the provider: the page waits for the order to follow. */
      settling: boolean;
      /** Why the last try failed (a message code), when it did. */
      errorCode: string | null;
    }
  /** The provider could not be asked just now: the page says so and offers a retry. */
  | { ready: false };

export type LoadedCheckout =
  | { found: true; view: CheckoutView }
  | { found: false; reason: 'not_found' | 'unavailable' };

/** `storeDown`: the proxy just failed to read the store, so the page does not wait on it again. */
const loadSnapshot = cache(
  async (
    id: string,
    storeDown: boolean,
  ): Promise<{ snapshot: CheckoutSnapshot | null } | { unavailable: true }> => {
    if (storeDown) return { unavailable: true };
    try {
      return { snapshot: await loadSession(id) };
    } catch (error) {
      // a malformed id is simply not a session; anything else is the store being down
      if ((error as { name?: string }).name === 'CheckoutInputError') return { snapshot: null };
      return { unavailable: true };
    }
  },
);

/**
 * What the API says of a session's tenant and order: one call per request, shared by the
 * metadata, the locale and the page (React's request cache).
 */
const pageViewOf = cache((tenantId: string, orderId: string | null) =>
  fetchCheckoutPageView(tenantId, orderId),
);
/** The same for a session id only an order still names (expired, or the store is down). */
const pageViewBySession = cache((id: string) => fetchCheckoutPageViewBySession(id));

/** The API's page view of a session: by its tenant and order, or by the order that names it. */
function pageViewFor(
  id: string,
  snapshot: CheckoutSnapshot | null,
): Promise<CheckoutPageView | null> {
  return snapshot ? pageViewOf(snapshot.tenantId, snapshot.orderId) : pageViewBySession(id);
}

/** The tenant's default language for `/c/{id}`, when the browser asked for none we speak. */
export const tenantDefaultLocale = cache(
  async (id: string, storeDown = false): Promise<string | null> => {
    const loaded = await loadSnapshot(id, storeDown);
    try {
      // with the store down the order still names its tenant
      const view = await pageViewFor(id, 'snapshot' in loaded ? loaded.snapshot : null);
      return view?.branding.defaultLocale ?? null;
    } catch {
      return null;
    }
  },
);

/** How the page takes the payment (the provider's registry entry) and whether in test mode. */
async function paymentOf(
  tenantId: string,
  providerId: string | null,
): Promise<{ paymentUi: CheckoutPaymentUi | null; testMode: boolean }> {
  const integration = await sessionIntegration(tenantId, providerId);
  return {
    paymentUi:
      (integration.providerId && providerCheckoutUi(integration.providerId)?.payment) || null,
    testMode: integration.mode !== 'live',
  };
}

/** The inline card form's payment (test cards, an authentication step) once it has started. */
async function sandboxState(snapshot: CheckoutSnapshot): Promise<SandboxCheckoutView | null> {
  const ui = snapshot.provider ? providerCheckoutUi(snapshot.provider)?.payment : undefined;
  if (ui !== 'inline-card-form' || !snapshot.providerSessionId) return null;
  try {
    return await getSandboxCheckout(getSandboxRuntime(), {
      tenantId: snapshot.tenantId,
      sandboxSessionId: snapshot.providerSessionId,
    });
  } catch {
    return null;
  }
}

/**
 * The payment behind an embedded element on our page (Stripe's PaymentIntent), read back from
 * the provider on each render (the client secret is never stored in the session store). An
 * embedded attempt keeps its payment id as its session id too (see `ensurePaymentStarted`).
 */
async function embeddedState(snapshot: CheckoutSnapshot): Promise<EmbeddedPaymentView | null> {
  const intentId = snapshot.providerPaymentId;
  if (!snapshot.provider || !intentId || snapshot.providerSessionId !== intentId) return null;
  if (providerCheckoutUi(snapshot.provider)?.payment !== 'embedded-element') return null;
  try {
    const provider = await resolveTenantProvider(snapshot.tenantId, snapshot.provider);
    if (!canEmbedPayment(provider)) return null;
    const resumed = await provider.resumeEmbeddedPayment(intentId);
    return {
      ready: true,
      publishableKey: resumed.publishableKey,
      clientSecret: resumed.clientSecret,
      settling: resumed.payment.paymentStatus === 'paid' || resumed.payment.processing,
      errorCode: resumed.lastErrorCode,
    };
  } catch {
    return { ready: false };
  }
}

function viewKind(input: {
  session: CheckoutSession;
  order: CheckoutPageOrder | null;
  sandbox: SandboxCheckoutView | null;
  embedded: EmbeddedPaymentView | null;
  boughtHere: boolean;
}): CheckoutViewKind {
  const { session, order, sandbox, embedded } = input;
  // The order decides "paid"; the session only knows what the browser saw.
  if (order?.paid) return 'success';
  if (!order && session.status === 'complete' && session.paymentStatus !== 'unpaid') {
    return input.boughtHere ? 'success' : 'link_paid';
  }
  if (order?.order.status === 'CANCELED' || session.state === 'canceled') return 'canceled';
  if (session.state === 'expired') return 'expired';
  if (session.status === 'complete') return 'processing';
  if (sandbox?.requiresAction) return 'authenticate';
  if (sandbox && (sandbox.processing || sandbox.status === 'complete')) return 'processing';
  // Stripe took the money (or is settling it); the order follows by webhook, the page polls
  if (embedded?.ready && embedded.settling) return 'processing';
  return 'open';
}

/**
 * Everything `/c/{id}` renders, read fresh on every request (once: metadata and page share it):
 * the session from the store, the order and the tenant's settings from the commerce API (one
 * call), the provider's payment state when there is one.
 * `boughtHere` says this browser paid a payment link (a cookie set by the pay action);
 * `storeDown` that the proxy just found the session store unreachable. When the store cannot
 * be read, the order decides what it can (`loadWhileStoreDown`).
 */
export const loadCheckoutView = cache(async function loadCheckoutView(
  id: string,
  boughtHere = false,
  storeDown = false,
): Promise<LoadedCheckout> {
  const loaded = await loadSnapshot(id, storeDown);
  if (!('snapshot' in loaded)) return loadWhileStoreDown(id);
  const { snapshot } = loaded;
  if (!snapshot) return loadFromOrder(id);
  const session = CheckoutSession.hydrate(snapshot);
  const [page, payment, sandbox, embedded] = await Promise.all([
    // the API down: the shopper gets the "unavailable" view, as with the store down
    pageViewFor(id, snapshot).catch(() => undefined),
    paymentOf(snapshot.tenantId, snapshot.provider),
    sandboxState(snapshot),
    embeddedState(snapshot),
  ]);
  if (page === undefined) return { found: false, reason: 'unavailable' };
  if (page === null) return { found: false, reason: 'not_found' };
  const { branding, order } = page;
  const kind = viewKind({ session, order, sandbox, embedded, boughtHere });
  return {
    found: true,
    view: {
      kind,
      id,
      snapshot,
      session,
      branding,
      testMode: payment.testMode,
      order,
      sandbox,
      embedded,
      paymentUi: payment.paymentUi,
      canStartAgain: kind === 'expired' && order !== null && order.payable,
    },
  };
});

/**
 * A session the store no longer holds (its TTL is its expiry): the order it was opened for
 * still knows it, so the shopper gets the expired page with the merchant's name, or the
 * success page when the order was paid meanwhile.
 */
async function loadFromOrder(id: string, storeDown = false): Promise<LoadedCheckout> {
  let page: CheckoutPageView | null;
  try {
    page = await pageViewBySession(id);
  } catch {
    // the API cannot say either: nothing is known, the "unavailable" view
    return { found: false, reason: 'unavailable' };
  }
  // without the store an id no order names may still be a live session (a payment link)
  if (!page?.order) return { found: false, reason: storeDown ? 'unavailable' : 'not_found' };
  const { branding, order } = page;
  const payment = await paymentOf(page.tenantId, null);
  const paid = order.paid;
  const canceled = order.order.status === 'CANCELED';
  const open: CheckoutViewKind = storeDown ? 'unavailable' : 'expired';
  const kind: CheckoutViewKind = paid ? 'success' : canceled ? 'canceled' : open;
  return {
    found: true,
    view: {
      kind,
      id,
      snapshot: null,
      session: null,
      branding,
      testMode: payment.testMode,
      order,
      sandbox: null,
      embedded: null,
      paymentUi: null,
      canStartAgain: kind === 'expired' && order.payable,
    },
  };
}

/**
 * The session store cannot be read: the API (Postgres, the source of truth) still says whether
 * the order was paid (the success view) or canceled, and otherwise names the merchant and the
 * order for the 503 view. Nothing is known when the API cannot answer either.
 */
async function loadWhileStoreDown(id: string): Promise<LoadedCheckout> {
  try {
    return await loadFromOrder(id, true);
  } catch {
    return { found: false, reason: 'unavailable' };
  }
}
