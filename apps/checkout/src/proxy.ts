import { type NextRequest, NextResponse } from 'next/server';
import { LOCALE_HEADER, SESSION_HEADER } from './i18n/headers';
import { isLocale, LOCALE_COOKIE } from './i18n/locales';

const SESSION_PATH = /^\/c\/([A-Za-z0-9_]{1,100})(?:\/|$)/;

/**
 * Hands the page what it cannot read itself: the `?locale=` choice (kept in a cookie for the
 * next page) and the session id of `/c/{id}`. Headers a client sent under these names are
 * removed first, so nobody can inject them.
 */
export function proxy(request: NextRequest) {
  const forwarded = new Headers(request.headers);
  forwarded.delete(LOCALE_HEADER);
  forwarded.delete(SESSION_HEADER);
  const chosen = request.nextUrl.searchParams.get('locale');
  if (isLocale(chosen)) forwarded.set(LOCALE_HEADER, chosen);
  const session = SESSION_PATH.exec(request.nextUrl.pathname)?.[1];
  if (session) forwarded.set(SESSION_HEADER, session);
  const response = NextResponse.next({ request: { headers: forwarded } });
  if (isLocale(chosen)) {
    response.cookies.set(LOCALE_COOKIE, chosen, { path: '/', sameSite: 'lax', httpOnly: true });
  }
  return response;
}

export const config = {
  matcher: ['/((?!api/|_next/|health|favicon.ico).*)'],
};
