import { ApiError } from '../errors';

/**
 * Return and cancel URLs must be absolute and on one of the tenant's allowed origins, so a
 * checkout can never be used as an open redirect. `http:` is allowed only for localhost.
 */
export function assertAllowedRedirect(
  field: string,
  value: string,
  allowedOrigins: readonly string[],
): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ApiError('invalid_redirect_url', `${field} must be an absolute URL.`, { field });
  }
  const localhost = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && localhost)) {
    throw new ApiError('invalid_redirect_url', `${field} must use https.`, { field });
  }
  if (url.username || url.password) {
    throw new ApiError('invalid_redirect_url', `${field} must not contain credentials.`, { field });
  }
  const allowed = allowedOrigins.some((origin) => {
    try {
      return new URL(origin).origin === url.origin;
    } catch {
      return false;
    }
  });
  if (!allowed) {
    throw new ApiError(
      'invalid_redirect_url',
      `${field} is not on one of this account's allowed origins.`,
      { field, origin: url.origin },
    );
  }
  return url.toString();
}
