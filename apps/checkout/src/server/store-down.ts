import 'server-only';
import type { RequestDecision } from '@prood/next-config/proxy';
import { STORE_DOWN_HEADER } from '../i18n/headers';
import { fetchCheckoutPageViewBySession } from './commerce-api';

/** What a 503 of `/c/{id}` asks the browser to wait before trying again. */
export const STORE_RETRY_AFTER_SECONDS = 10;

/**
 * What the API (Postgres, the source of truth) says about the order a session was opened for
 * while the session store cannot be read: `unknown` when no order names the session (a payment
 * link, an older attempt, a wrong id: without the store nobody can tell which) or the API
 * cannot answer either.
 */
export async function orderOutcomeWhileStoreDown(
  sessionId: string,
): Promise<'paid' | 'canceled' | 'payable' | 'unknown'> {
  try {
    const order = (await fetchCheckoutPageViewBySession(sessionId))?.order;
    if (!order) return 'unknown';
    if (order.paid) return 'paid';
    return order.order.status === 'CANCELED' ? 'canceled' : 'payable';
  } catch {
    return 'unknown';
  }
}

/**
 * The proxy's decision for `/c/{id}…` when the session store could not be read. The page
 * itself (a GET) answers 503 with `Retry-After` — its view names the merchant and shows the
 * order when Postgres knows it — unless the order is already paid or canceled: those views
 * need no session and keep their 200. Every route under the id is told the store is down.
 */
export async function decideWhileStoreDown(request: {
  pathname: string;
  method: string;
  sessionId: string;
}): Promise<RequestDecision> {
  const requestHeaders = { [STORE_DOWN_HEADER]: '1' };
  const page = request.pathname.replace(/\/$/, '') === `/c/${request.sessionId}`;
  if (!page || (request.method !== 'GET' && request.method !== 'HEAD')) return { requestHeaders };
  const outcome = await orderOutcomeWhileStoreDown(request.sessionId);
  if (outcome === 'paid' || outcome === 'canceled') return { requestHeaders };
  return {
    rewrite: { pathname: request.pathname, status: 503 },
    headers: { 'Retry-After': String(STORE_RETRY_AFTER_SECONDS) },
    requestHeaders,
  };
}
