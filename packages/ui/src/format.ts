/**
 * The one money formatter and the one date formatter of every page. Amounts are integers in
 * the currency's minor unit; the exponent comes from Intl (EUR 2, JPY 0, KWD 3), never from us.
 */

const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() });
    moneyFormats.set(key, format);
  }
  return format;
}

/** How many minor-unit digits a currency has (EUR 2, JPY 0, BHD 3). */
export function currencyExponent(currency: string): number {
  return moneyFormat('en', currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/**
 * Formats an amount in minor units for a locale.
 *
 * @example
 * formatMoney(1290, 'EUR', 'de') // → '12,90 €'
 * formatMoney(500, 'JPY', 'en')  // → '¥500'
 */
export function formatMoney(amount: number, currency: string, locale: string): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be an integer: ${amount}`);
  const exponent = currencyExponent(currency);
  // Split into whole and fraction as integers first so no float ever rounds a cent away.
  const negative = amount < 0;
  const abs = Math.abs(amount);
  const divisor = 10 ** exponent;
  const whole = Math.trunc(abs / divisor);
  const fraction = abs % divisor;
  const decimal = `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${String(fraction).padStart(exponent, '0')}` : ''}`;
  // Intl accepts decimal strings exactly (ES2023 Intl.NumberFormat v3).
  return moneyFormat(locale, currency).format(decimal as unknown as number);
}

/**
 * Formats an instant for the viewer: their locale and time zone, with the zone shown, so
 * "expires 14:05" can never be read in the wrong zone.
 *
 * @example
 * formatDateTime('2026-12-02T13:05:00Z', 'de', 'Europe/Berlin') // → '2. Dez. 2026, 14:05 MEZ'
 */
export function formatDateTime(
  value: Date | string | number,
  locale: string,
  timeZone?: string,
): string {
  const date = value instanceof Date ? value : new Date(value);
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: timeZone ?? 'UTC',
    timeZoneName: 'short',
  }).format(date);
}
