import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { tenantDefaultLocale } from '../server/checkout-view';
import { LOCALE_HEADER, SESSION_HEADER, STORE_DOWN_HEADER } from './headers';
import { LOCALE_COOKIE, negotiateLocale } from './locales';

/** next-intl's per-request configuration: the negotiated locale and its messages. */
export default getRequestConfig(async () => {
  const [h, c] = await Promise.all([headers(), cookies()]);
  const acceptLanguage = h.get('accept-language');
  const override = h.get(LOCALE_HEADER) ?? c.get(LOCALE_COOKIE)?.value;
  const sessionId = h.get(SESSION_HEADER);
  // the tenant's default is only looked up when neither the shopper nor the browser decides
  const tenantDefault =
    sessionId && !override && negotiateLocale({ acceptLanguage, tenantDefault: () => 'x' }) === 'en'
      ? await tenantDefaultLocale(sessionId, h.get(STORE_DOWN_HEADER) === '1')
      : null;
  const locale = negotiateLocale({ override, acceptLanguage, tenantDefault: () => tenantDefault });
  return {
    locale,
    messages: (await import(`../../messages/${locale}.json`)).default,
  };
});
