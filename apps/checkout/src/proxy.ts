import { createSecurityProxy } from '@prood/next-config/proxy';
import { LOCALE_HEADER, SESSION_HEADER, STORE_DOWN_HEADER } from './i18n/headers';
import { isLocale, LOCALE_COOKIE } from './i18n/locales';
import { decideCheckoutRequest } from './server/csp';

const SESSION_PATH = /^\/c\/([A-Za-z0-9_]{1,100})(?:\/|$)/;

/**
 * Security headers and a nonce-based CSP on every response (a session paid through Stripe gets
 * Stripe's origins; malformed URLs answer JSON), and what the page cannot read itself: the
 * `?locale=` choice (kept in a cookie for the next page) and the session id of `/c/{id}`.
 * Headers a client sent under these names are removed first, so nobody can inject them.
 */
export const proxy = createSecurityProxy({
  decide: (request) => decideCheckoutRequest(request.nextUrl.pathname, request.method),
  forwardHeaders: (request, headers) => {
    headers.delete(LOCALE_HEADER);
    headers.delete(SESSION_HEADER);
    headers.delete(STORE_DOWN_HEADER);
    const chosen = request.nextUrl.searchParams.get('locale');
    if (isLocale(chosen)) headers.set(LOCALE_HEADER, chosen);
    const session = SESSION_PATH.exec(request.nextUrl.pathname)?.[1];
    if (session) headers.set(SESSION_HEADER, session);
  },
  finishResponse: (request, response) => {
    const chosen = request.nextUrl.searchParams.get('locale');
    if (isLocale(chosen)) {
      response.cookies.set(LOCALE_COOKIE, chosen, { path: '/', sameSite: 'lax', httpOnly: true });
    }
  },
});

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
