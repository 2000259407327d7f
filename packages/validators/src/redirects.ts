/**
 * Why a return or cancel URL was refused; `null` when it is acceptable.
 * Rules: absolute, https (http only for localhost), no credentials, and the origin must be one
 * of the tenant's allowed origins. This is what keeps a checkout from being an open redirect.
 */
export function redirectUrlProblem(
  value: string,
  allowedOrigins: readonly string[],
): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL';
  }
  const localhost = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && localhost)) {
    return 'must use https';
  }
  if (url.username || url.password) return 'must not contain credentials';
  const allowed = allowedOrigins.some((origin) => {
    try {
      return new URL(origin).origin === url.origin;
    } catch {
      return false;
    }
  });
  return allowed ? null : "is not on one of this account's allowed origins";
}

/**
 * A same-site path to go back to after signing in (`?next=/invitations/inv_…`), or `null`.
 * Only a path of this site is taken: never a scheme, a host (`//evil`, `/\evil`), control
 * characters or anything a browser would read as another origin.
 *
 * @example
 * safeReturnPath('/invitations/inv_1') // '/invitations/inv_1'
 * safeReturnPath('//evil.example')     // null
 */
export function safeReturnPath(value: string | null | undefined): string | null {
  if (!value || value.length > 512) return null;
  if (!value.startsWith('/') || value.startsWith('//')) return null;
  // browsers treat `\` as `/` and drop tabs and newlines inside URLs
  if (value.includes('\\') || [...value].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f')) {
    return null;
  }
  let resolved: URL;
  try {
    resolved = new URL(value, 'https://same.invalid');
  } catch {
    return null;
  }
  if (resolved.origin !== 'https://same.invalid') return null;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
