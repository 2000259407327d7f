import { currencyExponent } from '@prood/ui/format';

/**
 * A decimal amount a merchant typed ("12.50", "12,5", "1200" for JPY) as integer minor units
 * of the currency, by string arithmetic so no float ever rounds a cent; or a reason in words.
 *
 * @example
 * parseMajorAmount('12.5', 'EUR') // → { ok: true, minor: 1250 }
 * parseMajorAmount('1.5', 'JPY')  // → { ok: false, error: 'JPY has no decimals: use a whole amount.' }
 */
export function parseMajorAmount(
  text: string,
  currency: string,
): { ok: true; minor: number } | { ok: false; error: string } {
  const exponent = currencyExponent(currency);
  const value = text.trim().replace(/\s/g, '');
  if (value === '') return { ok: false, error: 'Enter an amount.' };
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(value);
  if (!match?.[1])
    return { ok: false, error: `Use an amount like ${exponent ? '12.50' : '1200'}.` };
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) {
    return {
      ok: false,
      error: exponent
        ? `${currency} has ${exponent} decimals at most.`
        : `${currency} has no decimals: use a whole amount.`,
    };
  }
  const minor = Number(`${match[1]}${fraction.padEnd(exponent, '0')}`);
  if (!Number.isSafeInteger(minor)) return { ok: false, error: 'This amount is too large.' };
  if (minor === 0) return { ok: false, error: 'Enter an amount above zero.' };
  return { ok: true, minor };
}
