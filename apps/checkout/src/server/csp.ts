import 'server-only';
import { CheckoutInputError, loadSession } from '@prood/checkout-host';
import type { CspAdditions, RequestDecision } from '@prood/next-config/proxy';

/**
 * What Stripe.js and its Payment Element need (their CSP guide): the script, its frames (card
 * fields, 3-D Secure), its API. Scripts load through the nonce'd bundle (`strict-dynamic`).
 */
export const STRIPE_CSP_ADDITIONS: CspAdditions = {
  'script-src': ['https://js.stripe.com', 'https://*.js.stripe.com'],
  'frame-src': ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
  'connect-src': ['https://api.stripe.com'],
  'img-src': ['https://*.stripe.com'],
};

/** The route that shows an unknown session (rendered in place, with 404). */
export const SESSION_NOT_FOUND_PATH = '/c/not-found';

const SESSION_PAGE = /^\/c\/([^/]+)(?:\/|$)/;

/**
 * The proxy's hook for `/c/{id}` pages: a session paid through Stripe may load Stripe (every
 * other page keeps the strict policy); a malformed id renders the not-found view. An id the store
 * no longer holds is the page's to judge: an expired session still has its order.
 * When the store cannot be read, the page decides (it has its own unavailable view).
 */
export async function decideCheckoutRequest(
  pathname: string,
): Promise<RequestDecision | undefined> {
  const id = SESSION_PAGE.exec(pathname)?.[1];
  if (!id || pathname === SESSION_NOT_FOUND_PATH) return undefined;
  const notFound = { rewrite: { pathname: SESSION_NOT_FOUND_PATH, status: 404 } };
  let snapshot: Awaited<ReturnType<typeof loadSession>>;
  try {
    snapshot = await loadSession(id);
  } catch (error) {
    // a malformed id is simply unknown; a store that cannot be read is the page's to show
    if (error instanceof CheckoutInputError) return notFound;
    throw error;
  }
  // gone from the store: an expired session's page still shows its order (and "start again")
  if (!snapshot) return undefined;
  return snapshot.provider === 'stripe' ? { csp: STRIPE_CSP_ADDITIONS } : undefined;
}
