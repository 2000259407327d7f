/** Set by the proxy from `?locale=`; any value a client sends itself is dropped there. */
export const LOCALE_HEADER = 'x-prood-locale';
/** Set by the proxy from the `/c/{id}` path, so the tenant's default language can be found. */
export const SESSION_HEADER = 'x-prood-session';
/**
 * Set by the proxy when it just found the session store unreachable, so the page derives its
 * view from the order at once instead of waiting on the store a second time.
 */
export const STORE_DOWN_HEADER = 'x-prood-session-store-down';
