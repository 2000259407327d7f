import { currencyExponent, MoneyError, parseMajorUnits } from '@prood/checkout';

/** Why a typed amount is not one: each form says it in its own messages. */
export type AmountProblem = 'empty' | 'format' | 'decimals' | 'noDecimals' | 'tooLarge' | 'zero';

/**
 * An amount a merchant typed ("12.50", "12,5", "1 200") as minor units of `currency`, through
 * the one decimal parser of @prood/checkout (`parseMajorUnits`), or the problem with it.
 *
 * @example
 * parseTypedAmount('12.5', 'JPY') // → { ok: false, problem: 'noDecimals', exponent: 0 }
 */
export function parseTypedAmount(
  text: string,
  currency: string,
): { ok: true; minor: number } | { ok: false; problem: AmountProblem; exponent: number } {
  const value = text.replace(/\s/g, '');
  let exponent = 2;
  try {
    exponent = currencyExponent(currency);
  } catch {
    // an unknown currency: the parser below refuses it as a format
  }
  const fail = (problem: AmountProblem) => ({ ok: false as const, problem, exponent });
  if (value === '') return fail('empty');
  try {
    const minor = parseMajorUnits(value, currency);
    return minor === 0 ? fail('zero') : { ok: true, minor };
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    // more than 15 whole digits is refused by the parser's shape: still a size, not a typo
    if (error.code === 'amount_too_large' || /^\d{16,}([.,]\d+)?$/.test(value))
      return fail('tooLarge');
    if (/^\d+[.,]\d+$/.test(value) && error.code === 'invalid_amount')
      return fail(exponent === 0 ? 'noDecimals' : 'decimals');
    return fail('format');
  }
}
