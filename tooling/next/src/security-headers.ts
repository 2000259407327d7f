/** Sources an app adds to the shared policy, directive by directive (e.g. Stripe's origins). */
export type CspAdditions = Partial<
  Record<'script-src' | 'frame-src' | 'connect-src' | 'img-src' | 'style-src', string[]>
>;

/**
 * The content security policy of every prood page: scripts only with this response's nonce
 * (`strict-dynamic` lets Next's own chunks load), no plugins, no base-tag hijack, forms only to
 * this origin, and never inside a frame. `style` attributes stay allowed (React renders them;
 * CSS cannot run script), `<style>` elements need the nonce.
 */
export function buildContentSecurityPolicy(options: {
  nonce: string;
  dev: boolean;
  additions?: CspAdditions | undefined;
}): string {
  const { nonce, dev, additions = {} } = options;
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // React's dev build evaluates strings for its call stacks; production never does
    'script-src': [
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      ...(dev ? ["'unsafe-eval'"] : []),
      ...(additions['script-src'] ?? []),
    ],
    'style-src': [
      "'self'",
      ...(dev ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`]),
      ...(additions['style-src'] ?? []),
    ],
    'style-src-attr': ["'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...(additions['img-src'] ?? [])],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(dev ? ['ws:', 'wss:'] : []), ...(additions['connect-src'] ?? [])],
    'frame-src': additions['frame-src']?.length ? additions['frame-src'] : ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    ...(dev ? {} : { 'upgrade-insecure-requests': [] }),
  };
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}

/**
 * The headers every response of the three apps carries besides the CSP. HSTS only when the
 * request came over https (directly or as the TLS proxy says), so plain-http local runs are not
 * pinned to https.
 */
export function securityHeaders(options: { https: boolean }): Record<string, string> {
  return {
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    ...(options.https
      ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' }
      : {}),
  };
}

/** A fresh, unguessable nonce per response (128 bits, base64). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
