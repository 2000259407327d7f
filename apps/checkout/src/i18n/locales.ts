import { match } from '@formatjs/intl-localematcher';
import { CHECKOUT_LOCALES, type CheckoutLocale } from '@prood/validators';
import Negotiator from 'negotiator';

/** The languages the checkout page speaks. */
export const LOCALES = CHECKOUT_LOCALES;
export type Locale = CheckoutLocale;

export const LOCALE_COOKIE = 'prood_locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

const NO_MATCH = 'x-none';

/**
 * Picks the page's language: an explicit choice (`?locale=`, remembered in a cookie) first, then
 * the browser's Accept-Language, then the tenant's default, then English.
 *
 * @example
 * negotiateLocale({ acceptLanguage: 'de-DE,de;q=0.9,en;q=0.5' }) // → 'de'
 */
export function negotiateLocale(input: {
  override?: string | null | undefined;
  acceptLanguage?: string | null | undefined;
  tenantDefault?: () => string | null | undefined;
}): Locale {
  if (isLocale(input.override)) return input.override;
  const requested = new Negotiator({
    headers: { 'accept-language': input.acceptLanguage ?? '' },
  })
    .languages()
    .filter((tag) => tag !== '*');
  if (requested.length > 0) {
    try {
      const matched = match(requested, LOCALES, NO_MATCH);
      if (isLocale(matched)) return matched;
    } catch {
      // a malformed tag in the header: fall through to the tenant's default
    }
  }
  const fallback = input.tenantDefault?.();
  return isLocale(fallback) ? fallback : 'en';
}
