import { z } from 'zod';

/**
 * Money is an integer number of the currency's minor unit plus an ISO 4217 code. Nothing here
 * ever uses a float: exponents, limits and formatting are integer arithmetic.
 */

/** A supported currency: its ISO 4217 exponent (minor-unit digits) and our largest amount. */
export interface CurrencyInfo {
  code: string;
  /** ISO 4217 minor-unit digits: JPY 0, EUR 2, KWD 3. */
  exponent: 0 | 2 | 3;
  /** Largest amount one checkout may charge, in minor units (inclusive). */
  maxAmount: number;
}

// 8 digits of minor units is the usual card-processor ceiling (Stripe's default limit).
const DEFAULT_MAX = 99_999_999;
// Currencies with a very small unit value need more digits to express ordinary prices.
const WIDE_MAX = 999_999_999_999;

const TWO = [
  'AED',
  'ARS',
  'AUD',
  'BGN',
  'BRL',
  'CAD',
  'CHF',
  'CNY',
  'CZK',
  'DKK',
  'EGP',
  'EUR',
  'GBP',
  'HKD',
  'HUF',
  'ILS',
  'INR',
  'MAD',
  'MXN',
  'MYR',
  'NOK',
  'NZD',
  'PEN',
  'PHP',
  'PLN',
  'RON',
  'SAR',
  'SEK',
  'SGD',
  'THB',
  'TRY',
  'TWD',
  'UAH',
  'USD',
  'ZAR',
] as const;
const ZERO = ['CLP', 'ISK', 'JPY', 'KRW', 'PYG', 'RWF', 'UGX', 'VND', 'XAF', 'XOF'] as const;
const THREE = ['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'] as const;
const WIDE = new Set<string>(['IDR', 'VND', 'KRW', 'COP', 'PYG', 'UGX', 'IQD']);

export type CurrencyCode =
  | (typeof TWO)[number]
  | (typeof ZERO)[number]
  | (typeof THREE)[number]
  | 'IDR'
  | 'COP';

function info(code: string, exponent: 0 | 2 | 3): CurrencyInfo {
  return { code, exponent, maxAmount: WIDE.has(code) ? WIDE_MAX : DEFAULT_MAX };
}

/** The supported currencies, keyed by upper-case ISO 4217 code. */
export const CURRENCIES: Readonly<Record<CurrencyCode, CurrencyInfo>> = Object.freeze(
  Object.fromEntries([
    ...TWO.map((c) => [c, info(c, 2)] as const),
    ['IDR', info('IDR', 2)],
    ['COP', info('COP', 2)],
    ...ZERO.map((c) => [c, info(c, 0)] as const),
    ...THREE.map((c) => [c, info(c, 3)] as const),
  ]) as Record<CurrencyCode, CurrencyInfo>,
);

/** Every supported code, sorted. */
export const SUPPORTED_CURRENCIES = Object.freeze(
  (Object.keys(CURRENCIES) as CurrencyCode[]).sort(),
) as readonly CurrencyCode[];

/** True when `code` (upper case) is a currency this platform charges in. */
export function isSupportedCurrency(code: string): code is CurrencyCode {
  return Object.hasOwn(CURRENCIES, code);
}

/**
 * The currency's table entry, or undefined when unsupported.
 *
 * @example
 * currencyInfo('JPY')?.exponent // 0
 */
export function currencyInfo(code: string): CurrencyInfo | undefined {
  return isSupportedCurrency(code) ? CURRENCIES[code] : undefined;
}

/**
 * ISO 4217 minor-unit digits of a supported currency; throws a `MoneyError` otherwise.
 *
 * @example
 * currencyExponent('KWD') // 3
 */
export function currencyExponent(code: string): 0 | 2 | 3 {
  const entry = currencyInfo(code);
  if (!entry) throw new MoneyError('unsupported_currency', `Unsupported currency "${code}"`);
  return entry.exponent;
}

export type MoneyErrorCode = 'unsupported_currency' | 'invalid_amount' | 'amount_too_large';

/** A money value that cannot be used; `code` says why. */
export class MoneyError extends Error {
  override name = 'MoneyError';
  readonly code: MoneyErrorCode;
  constructor(code: MoneyErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** An ISO 4217 code we support; lower case is accepted (Stripe style) and upper-cased. */
export const currencySchema = z
  .string()
  .transform((value) => value.toUpperCase())
  .refine(isSupportedCurrency, { message: 'must be a supported ISO 4217 currency code' })
  .transform((value) => value as CurrencyCode);

/** A whole number of minor units, zero allowed (a fully discounted total). */
export const minorUnitsSchema = z
  .number({ error: 'must be a number of minor units' })
  .int({ message: 'must be an integer number of minor units (no fractions)' })
  .nonnegative({ message: 'must not be negative' })
  .max(Number.MAX_SAFE_INTEGER, { message: 'is too large' });

/** An amount a shopper can be charged: a positive integer of minor units. */
export const chargeAmountSchema = minorUnitsSchema.positive({ message: 'must be greater than 0' });

function checkLimit(value: { amount: number; currency: CurrencyCode }, ctx: z.RefinementCtx): void {
  // zod still runs this when a field failed; only compare a valid pair
  const max = currencyInfo(value.currency)?.maxAmount;
  if (max !== undefined && typeof value.amount === 'number' && value.amount > max) {
    ctx.addIssue({
      code: 'custom',
      path: ['amount'],
      message: `must be at most ${max} minor units of ${value.currency}`,
    });
  }
}

/** `{ amount, currency }` with a positive amount within the currency's limit. */
export const moneySchema = z
  .object({ amount: chargeAmountSchema, currency: currencySchema })
  .superRefine(checkLimit);

/** Like `moneySchema` but allowing a zero amount. */
export const moneyOrZeroSchema = z
  .object({ amount: minorUnitsSchema, currency: currencySchema })
  .superRefine(checkLimit);

export type Money = { amount: number; currency: CurrencyCode };

/**
 * Validates a money value, throwing a `MoneyError` that says what is wrong.
 *
 * @example
 * assertMoney({ amount: 9999, currency: 'eur' }) // { amount: 9999, currency: 'EUR' }
 */
export function assertMoney(value: { amount: number; currency: string }): Money {
  const parsed = moneyOrZeroSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path[0];
  const code: MoneyErrorCode =
    field === 'currency'
      ? 'unsupported_currency'
      : issue?.message.startsWith('must be at most')
        ? 'amount_too_large'
        : 'invalid_amount';
  throw new MoneyError(code, `${String(field ?? 'money')} ${issue?.message ?? 'is invalid'}`);
}

/**
 * Formats minor units as a plain decimal string in major units, exactly (no float rounding).
 *
 * @example
 * formatMinorUnits(9999, 'EUR') // '99.99'
 * formatMinorUnits(500, 'JPY') // '500'
 * formatMinorUnits(1234, 'KWD') // '1.234'
 */
export function formatMinorUnits(amount: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (!Number.isSafeInteger(amount)) {
    throw new MoneyError('invalid_amount', 'amount must be an integer number of minor units');
  }
  const sign = amount < 0 ? '-' : '';
  const digits = String(Math.abs(amount));
  if (exponent === 0) return `${sign}${digits}`;
  const padded = digits.padStart(exponent + 1, '0');
  return `${sign}${padded.slice(0, -exponent)}.${padded.slice(-exponent)}`;
}

/**
 * Reads an amount typed in major units ("12.50", "12,5", "1200") as an integer of the
 * currency's minor unit, exactly (string arithmetic, no float). More decimals than the currency
 * has, signs, exponents or thousands separators are refused with a `MoneyError`.
 *
 * @example
 * parseMajorUnits('12.5', 'EUR') // 1250
 * parseMajorUnits('1200', 'JPY') // 1200
 * parseMajorUnits('12.5', 'JPY') // throws: JPY has no decimals
 */
export function parseMajorUnits(text: string, currency: string): number {
  const exponent = currencyExponent(currency);
  const match = /^(\d{1,15})(?:[.,](\d+))?$/.exec(text.trim());
  if (!match?.[1]) {
    throw new MoneyError('invalid_amount', 'must be an amount like 12.50');
  }
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) {
    throw new MoneyError(
      'invalid_amount',
      exponent === 0
        ? `${currency} has no decimals: use a whole amount`
        : `${currency} has at most ${exponent} decimals`,
    );
  }
  const minor = Number(`${match[1]}${fraction.padEnd(exponent, '0')}`);
  if (!Number.isSafeInteger(minor)) throw new MoneyError('amount_too_large', 'is too large');
  return minor;
}
