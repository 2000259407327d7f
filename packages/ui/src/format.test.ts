import { describe, expect, it } from 'vitest';
import { currencyExponent, formatDateTime, formatMoney } from './format';

describe('formatMoney', () => {
  it('uses the currency exponent', () => {
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(formatMoney(1290, 'EUR', 'en')).toBe('€12.90');
    expect(formatMoney(500, 'JPY', 'en')).toBe('¥500');
    expect(formatMoney(1234, 'KWD', 'en')).toMatch(/^KWD\s1\.234$/);
  });

  it('follows the locale', () => {
    expect(formatMoney(1290, 'EUR', 'de')).toBe('12,90\u00a0€');
    expect(formatMoney(-5, 'EUR', 'en')).toBe('-€0.05');
  });

  it('does not lose cents on large amounts', () => {
    expect(formatMoney(900719925474099, 'USD', 'en')).toBe('$9,007,199,254,740.99');
  });

  it('refuses fractional minor units', () => {
    expect(() => formatMoney(1.5, 'EUR', 'en')).toThrow(RangeError);
  });
});

describe('formatDateTime', () => {
  it('shows the zone', () => {
    const text = formatDateTime('2026-12-02T13:05:00Z', 'en', 'Europe/Berlin');
    expect(text).toContain('2:05');
    expect(text).toMatch(/GMT\+1|CET/);
    expect(formatDateTime('2026-12-02T13:05:00Z', 'en')).toContain('UTC');
  });
});
