import { createSecurityProxy } from '@prood/next-config/proxy';
import { decideCheckoutRequest } from './server/csp';

/**
 * Security headers and a nonce-based CSP on every response; malformed URLs answer JSON. A
 * session paid through Stripe gets Stripe's origins; an unknown session the not-found view.
 */
export const proxy = createSecurityProxy({
  decide: (request) => decideCheckoutRequest(request.nextUrl.pathname),
});

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
