import { describe, expect, it } from 'vitest';
import { parseMajorAmount } from './parse-amount';

describe('parseMajorAmount', () => {
  it('turns a typed decimal into minor units of the currency, without float rounding', () => {
    expect(parseMajorAmount('7.50', 'EUR')).toEqual({ ok: true, minor: 750 });
    expect(parseMajorAmount('7,5', 'EUR')).toEqual({ ok: true, minor: 750 });
    expect(parseMajorAmount(' 12 ', 'EUR')).toEqual({ ok: true, minor: 1200 });
    // 0.29 * 100 is 28.999999999999996 in floats
    expect(parseMajorAmount('0.29', 'EUR')).toEqual({ ok: true, minor: 29 });
    expect(parseMajorAmount('1200', 'JPY')).toEqual({ ok: true, minor: 1200 });
    expect(parseMajorAmount('1.234', 'KWD')).toEqual({ ok: true, minor: 1234 });
  });

  it('refuses what is not an amount of that currency, in words', () => {
    expect(parseMajorAmount('', 'EUR')).toEqual({ ok: false, error: 'Enter an amount.' });
    expect(parseMajorAmount('0.00', 'EUR')).toEqual({
      ok: false,
      error: 'Enter an amount above zero.',
    });
    expect(parseMajorAmount('-5', 'EUR')).toMatchObject({ ok: false });
    expect(parseMajorAmount('1e3', 'EUR')).toMatchObject({ ok: false });
    expect(parseMajorAmount('7.505', 'EUR')).toEqual({
      ok: false,
      error: 'EUR has 2 decimals at most.',
    });
    expect(parseMajorAmount('1.5', 'JPY')).toEqual({
      ok: false,
      error: 'JPY has no decimals: use a whole amount.',
    });
    expect(parseMajorAmount('99999999999999999', 'EUR')).toEqual({
      ok: false,
      error: 'This amount is too large.',
    });
  });
});
