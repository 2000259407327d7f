import 'server-only';
import { loadSession } from '@prood/checkout-host';
import { errorResponse } from '@prood/http';
import { isInternalRequest, unauthorized } from './internal';
import { respond } from './respond';
import { cancelOrderSession, createLink, createOrderSession, toSessionInfo } from './sessions';

/**
 * The commerce API's calls into this app, each checked for the shared `x-checkout-secret`
 * first: served by the app's own server (`src/main.ts`) and by the App Router's route files
 * alike, so a bare `next start` answers them the same.
 */

/** `POST /api/sessions`: opens a checkout session for an order attempt. */
export function handleCreateSession(request: Request): Promise<Response> | Response {
  if (!isInternalRequest(request)) return unauthorized();
  return respond(request, createOrderSession);
}

/** `GET /api/sessions/{id}?org=`: a session's state, for the API's idempotency; another tenant's: 404. */
export async function handleSessionInfo(request: Request, id: string): Promise<Response> {
  if (!isInternalRequest(request)) return unauthorized();
  const org = new URL(request.url).searchParams.get('org');
  const snapshot = /^cs_/.test(id) ? await loadSession(id).catch(() => null) : null;
  if (!snapshot || snapshot.tenantId !== org) {
    return errorResponse('not_found', 'No such checkout session.');
  }
  return Response.json(toSessionInfo(snapshot), { headers: { 'cache-control': 'no-store' } });
}

/** `POST /api/sessions/{id}/cancel`: an order's open session canceled (order canceled, provider moved). */
export function handleCancelSession(request: Request, id: string): Promise<Response> | Response {
  if (!isInternalRequest(request)) return unauthorized();
  return respond(request, (json) => cancelOrderSession(id, json));
}

/** `POST /api/payment-links`: a payment link created. */
export function handleCreateLink(request: Request): Promise<Response> | Response {
  if (!isInternalRequest(request)) return unauthorized();
  return respond(request, createLink);
}
