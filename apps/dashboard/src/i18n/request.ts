import { getRequestConfig } from 'next-intl/server';
import { DEFAULT_LOCALE } from './locales';
import { en } from './messages';

/**
 * next-intl's per-request configuration. One language today, so there is nothing to negotiate;
 * the time zone stays the viewer's (pages that show days pass it explicitly).
 */
export default getRequestConfig(async () => ({ locale: DEFAULT_LOCALE, messages: en }));
