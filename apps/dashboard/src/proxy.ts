import { createSecurityProxy } from '@prood/next-config/proxy';

/** Security headers and a nonce-based CSP on every response; malformed URLs answer JSON. */
export const proxy = createSecurityProxy();

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
