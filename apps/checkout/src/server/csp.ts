import 'server-only';
import { CheckoutInputError, loadSession } from '@prood/checkout-host';
import type { CspAdditions, RequestDecision } from '@prood/next-config/proxy';
import { providerCheckoutUi } from '@prood/provider-factory';
import { fetchCheckoutPageViewBySession } from './commerce-api';
import { decideWhileStoreDown } from './store-down';

/**
 * What a provider's browser part needs on the page (its registry entry's `checkoutUi.csp`, e.g.
 * Stripe.js and its frames); nothing for a provider that loads nothing. Scripts load through the
 * nonce'd bundle (`strict-dynamic`).
 */
export function providerCspAdditions(providerId: string | null): CspAdditions | undefined {
  const sources = providerId ? providerCheckoutUi(providerId)?.csp : undefined;
  const entries = Object.entries(sources ?? {}).filter(([, list]) => list && list.length > 0);
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([directive, list]) => [directive, [...(list ?? [])]]));
}

/** The route that shows an unknown session (rendered in place, with 404). */
export const SESSION_NOT_FOUND_PATH = '/c/not-found';

const SESSION_PAGE = /^\/c\/([^/]+)(?:\/|$)/;

/**
 * The proxy's hook for `/c/{id}` pages: a session's provider may load what its browser part
 * needs (every other page keeps the strict policy); an unknown or malformed id renders the not-found view. An
 * id the store no longer holds but an order still names is an expired session: the page shows it.
 * When the store cannot be read, the order in Postgres decides (`decideWhileStoreDown`).
 */
export async function decideCheckoutRequest(
  pathname: string,
  method = 'GET',
): Promise<RequestDecision | undefined> {
  const id = SESSION_PAGE.exec(pathname)?.[1];
  if (!id || pathname === SESSION_NOT_FOUND_PATH) return undefined;
  const notFound = { rewrite: { pathname: SESSION_NOT_FOUND_PATH, status: 404 } };
  let snapshot: Awaited<ReturnType<typeof loadSession>>;
  try {
    snapshot = await loadSession(id);
  } catch (error) {
    // a malformed id is simply unknown; a store that cannot be read is not a missing session
    if (error instanceof CheckoutInputError) return notFound;
    return decideWhileStoreDown({ pathname, method, sessionId: id });
  }
  if (!snapshot) {
    // gone from the store: an expired session's page still shows its order ("start again");
    // with the API down too the page itself shows the "unavailable" view
    const view = await fetchCheckoutPageViewBySession(id).catch(() => undefined);
    return view === null ? notFound : undefined;
  }
  const csp = providerCspAdditions(snapshot.provider);
  return csp ? { csp } : undefined;
}
