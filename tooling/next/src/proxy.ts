import { errorResponse, malformedUrlProblem } from '@prood/http';
import { type NextRequest, NextResponse } from 'next/server';
import { isDevelopmentServer } from './env';
import {
  buildContentSecurityPolicy,
  type CspAdditions,
  createNonce,
  securityHeaders,
} from './security-headers';

export type { CspAdditions } from './security-headers';

/** What an app decides about one request before it renders. */
export interface RequestDecision {
  /** Sources to add to the policy, e.g. Stripe's origins for a session paid through Stripe. */
  csp?: CspAdditions | undefined;
  /**
   * Render another route in place of this one, with this status: e.g. an unknown checkout
   * session shows the not-found view with 404 without the page throwing `notFound()` (whose
   * development build embeds a server stack trace in the HTML).
   */
  rewrite?: { pathname: string; status: number } | undefined;
  /** Response headers to add, e.g. `Retry-After` on a 503. */
  headers?: Record<string, string> | undefined;
  /**
   * Request headers the page receives, set after `forwardHeaders` (which should drop any a
   * client sent under the same names): what the proxy found out, so the page need not ask again.
   */
  requestHeaders?: Record<string, string> | undefined;
}

export interface SecurityProxyOptions {
  /** The app's hook per request. Failing here must not fail the page: an error means none. */
  decide?: (request: NextRequest) => Promise<RequestDecision | undefined>;
  /** The app's own request headers for its pages (set after the client's were copied). */
  forwardHeaders?: (request: NextRequest, headers: Headers) => void;
  /** The app's last touches on the response, e.g. a cookie that remembers a choice. */
  finishResponse?: (request: NextRequest, response: NextResponse) => void;
}

/**
 * The Next.js 16 proxy (`src/proxy.ts`) every app uses: a malformed URL gets the JSON error
 * shape instead of Next's HTML 400, and every response gets a nonce-based CSP (the nonce is
 * handed to Next through the request's CSP header and `x-nonce`), frame denial, nosniff, the
 * referrer policy and, over https, HSTS.
 *
 * @example
 * // apps/dashboard/src/proxy.ts (the matcher must be a literal: Next reads it statically)
 * export const proxy = createSecurityProxy();
 * export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
 */
export function createSecurityProxy(options: SecurityProxyOptions = {}) {
  const dev = isDevelopmentServer;
  return async function proxy(request: NextRequest): Promise<Response> {
    const https =
      request.nextUrl.protocol === 'https:' ||
      request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https';
    const problem = malformedUrlProblem(request.url);
    if (problem) {
      return errorResponse('invalid_url', problem, undefined, {
        ...securityHeaders({ https }),
        'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
      });
    }
    const nonce = createNonce();
    const decision = await Promise.resolve()
      .then(() => options.decide?.(request))
      .catch(() => undefined);
    const csp = buildContentSecurityPolicy({ nonce, dev, additions: decision?.csp });
    const requestHeaders = new Headers(request.headers);
    options.forwardHeaders?.(request, requestHeaders);
    for (const [name, value] of Object.entries(decision?.requestHeaders ?? {})) {
      requestHeaders.set(name, value);
    }
    requestHeaders.set('x-nonce', nonce);
    requestHeaders.set('content-security-policy', csp);
    const response = decision?.rewrite
      ? NextResponse.rewrite(new URL(decision.rewrite.pathname, request.url), {
          status: decision.rewrite.status,
          request: { headers: requestHeaders },
        })
      : NextResponse.next({ request: { headers: requestHeaders } });
    response.headers.set('Content-Security-Policy', csp);
    for (const [name, value] of Object.entries(securityHeaders({ https }))) {
      response.headers.set(name, value);
    }
    for (const [name, value] of Object.entries(decision?.headers ?? {})) {
      response.headers.set(name, value);
    }
    options.finishResponse?.(request, response);
    return response;
  };
}
