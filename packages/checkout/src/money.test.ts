import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assertMoney,
  CURRENCIES,
  currencyExponent,
  formatMinorUnits,
  MoneyError,
  moneySchema,
  parseMajorUnits,
  SUPPORTED_CURRENCIES,
} from './money';

describe('currency table', () => {
  it('uses the ISO 4217 exponents', () => {
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KRW')).toBe(0);
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('BHD')).toBe(3);
  });

  it('refuses an unknown currency with a coded error', () => {
    expect(() => currencyExponent('XXX')).toThrow(MoneyError);
    expect(() => currencyExponent('eur')).toThrow(/Unsupported currency/);
  });

  it('lists every supported currency once, upper case', () => {
    expect(new Set(SUPPORTED_CURRENCIES).size).toBe(SUPPORTED_CURRENCIES.length);
    for (const code of SUPPORTED_CURRENCIES) expect(code).toMatch(/^[A-Z]{3}$/);
  });
});

describe('moneySchema', () => {
  it('accepts integer minor units within the limit and upper-cases the code', () => {
    expect(moneySchema.parse({ amount: 9999, currency: 'eur' })).toEqual({
      amount: 9999,
      currency: 'EUR',
    });
    expect(moneySchema.parse({ amount: CURRENCIES.USD.maxAmount, currency: 'USD' }).amount).toBe(
      99_999_999,
    );
  });

  it.each([
    [{ amount: 10.5, currency: 'EUR' }, 'amount', /integer/],
    [{ amount: -1, currency: 'EUR' }, 'amount', /negative|greater than 0/],
    [{ amount: 0, currency: 'EUR' }, 'amount', /greater than 0/],
    [{ amount: Number.NaN, currency: 'EUR' }, 'amount', /number/],
    [{ amount: '100', currency: 'EUR' }, 'amount', /number/],
    [{ amount: 100, currency: 'ABC' }, 'currency', /ISO 4217/],
    [{ amount: 100_000_000, currency: 'USD' }, 'amount', /at most 99999999/],
  ])('rejects %j naming %s', (value, field, message) => {
    const result = moneySchema.safeParse(value);
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path[0]).toBe(field);
    expect(issue?.message).toMatch(message);
  });

  it('rejects every non-integer amount (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true }).filter((n) => !Number.isInteger(n)),
        fc.constantFrom(...SUPPORTED_CURRENCIES),
        (amount, currency) => !moneySchema.safeParse({ amount, currency }).success,
      ),
    );
  });

  it('assertMoney throws coded errors', () => {
    expect(() => assertMoney({ amount: 1.5, currency: 'EUR' })).toThrow(
      expect.objectContaining({ code: 'invalid_amount' }),
    );
    expect(() => assertMoney({ amount: 1, currency: 'ZZZ' })).toThrow(
      expect.objectContaining({ code: 'unsupported_currency' }),
    );
    expect(() => assertMoney({ amount: 10 ** 12, currency: 'EUR' })).toThrow(
      expect.objectContaining({ code: 'amount_too_large' }),
    );
  });
});

describe('formatMinorUnits', () => {
  it('places the decimal point by exponent', () => {
    expect(formatMinorUnits(9999, 'EUR')).toBe('99.99');
    expect(formatMinorUnits(5, 'EUR')).toBe('0.05');
    expect(formatMinorUnits(500, 'JPY')).toBe('500');
    expect(formatMinorUnits(1234, 'KWD')).toBe('1.234');
    expect(formatMinorUnits(-250, 'USD')).toBe('-2.50');
  });

  it('round-trips through the digits for any amount (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.constantFrom(...SUPPORTED_CURRENCIES),
        (amount, currency) => {
          const text = formatMinorUnits(amount, currency);
          return Number(text.replace('.', '')) === amount;
        },
      ),
    );
  });
});

describe('parseMajorUnits', () => {
  it('reads a typed amount as minor units through the currency exponent', () => {
    expect(parseMajorUnits('12.5', 'EUR')).toBe(1250);
    expect(parseMajorUnits('12,05', 'EUR')).toBe(1205);
    expect(parseMajorUnits('0.1', 'USD')).toBe(10);
    expect(parseMajorUnits('1200', 'JPY')).toBe(1200);
    expect(parseMajorUnits('1.234', 'KWD')).toBe(1234);
    expect(parseMajorUnits(' 7 ', 'EUR')).toBe(700);
  });

  it('refuses more decimals than the currency has, and what is not an amount', () => {
    expect(() => parseMajorUnits('12.5', 'JPY')).toThrow(/no decimals/);
    expect(() => parseMajorUnits('1.999', 'EUR')).toThrow(/at most 2 decimals/);
    for (const bad of ['', '-1', '1e3', '1,000.00', 'abc', '.5']) {
      expect(() => parseMajorUnits(bad, 'EUR'), bad).toThrow(MoneyError);
    }
  });

  it('is the inverse of formatMinorUnits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.constantFrom('EUR', 'JPY', 'KWD'),
        (amount, currency) =>
          parseMajorUnits(formatMinorUnits(amount, currency), currency) === amount,
      ),
    );
  });
});
