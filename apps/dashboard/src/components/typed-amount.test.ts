import { describe, expect, it } from 'vitest';
import { parseTypedAmount } from './typed-amount';

describe('parseTypedAmount (parseMajorUnits of @prood/checkout)', () => {
  it('turns a typed decimal into minor units of the currency, without float rounding', () => {
    expect(parseTypedAmount('7.50', 'EUR')).toEqual({ ok: true, minor: 750 });
    expect(parseTypedAmount('7,5', 'EUR')).toEqual({ ok: true, minor: 750 });
    expect(parseTypedAmount(' 1 200 ', 'EUR')).toEqual({ ok: true, minor: 120000 });
    // 0.29 * 100 is 28.999999999999996 in floats
    expect(parseTypedAmount('0.29', 'EUR')).toEqual({ ok: true, minor: 29 });
    expect(parseTypedAmount('1200', 'JPY')).toEqual({ ok: true, minor: 1200 });
    expect(parseTypedAmount('1.234', 'KWD')).toEqual({ ok: true, minor: 1234 });
  });

  it('names the problem with what is not an amount of that currency', () => {
    expect(parseTypedAmount('', 'EUR')).toMatchObject({ ok: false, problem: 'empty' });
    expect(parseTypedAmount('0.00', 'EUR')).toMatchObject({ ok: false, problem: 'zero' });
    expect(parseTypedAmount('-5', 'EUR')).toMatchObject({ ok: false, problem: 'format' });
    expect(parseTypedAmount('1e3', 'EUR')).toMatchObject({ ok: false, problem: 'format' });
    expect(parseTypedAmount('7.505', 'EUR')).toEqual({
      ok: false,
      problem: 'decimals',
      exponent: 2,
    });
    expect(parseTypedAmount('12.5', 'JPY')).toEqual({
      ok: false,
      problem: 'noDecimals',
      exponent: 0,
    });
    expect(parseTypedAmount('99999999999999999', 'EUR')).toMatchObject({ problem: 'tooLarge' });
  });
});
