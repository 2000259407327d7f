import { currencyExponent, formatMinorUnits, ProviderError } from '@prood/checkout';

/** Mollie's wire amount: currency plus a decimal string with the currency's exponent. */
export interface MollieAmount {
  currency: string;
  value: string;
}

/**
 * Minor units as Mollie wants them.
 *
 * @example
 * toMollieAmount(1000, 'eur') // { currency: 'EUR', value: '10.00' }
 */
export function toMollieAmount(amount: number, currency: string): MollieAmount {
  const code = currency.toUpperCase();
  return { currency: code, value: formatMinorUnits(amount, code) };
}

/**
 * A Mollie amount back in minor units, exactly; refuses anything that is not the currency's
 * decimal format (a provider answer we cannot read is not guessed at).
 *
 * @example
 * fromMollieAmount({ currency: 'EUR', value: '10.00' }) // 1000
 */
export function fromMollieAmount(amount: MollieAmount): number {
  const exponent = currencyExponent(amount.currency);
  const pattern = exponent === 0 ? /^(\d+)$/ : new RegExp(`^(\\d+)\\.(\\d{${exponent}})$`);
  const match = pattern.exec(amount.value);
  if (!match) {
    throw new ProviderError('webhook_payload_invalid', 'Mollie sent an amount we cannot read', {
      provider: 'mollie',
    });
  }
  return Number(match[1]) * 10 ** exponent + Number(match[2] ?? '0');
}
