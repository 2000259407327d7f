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
