import { describe, expect, it } from 'vitest';
import { ID_RANDOM_LENGTH, idSchema, isId, newId, randomBase62 } from './ids';

describe('newId', () => {
  it('prefixes ids by kind', () => {
    expect(newId('order')).toMatch(/^ord_[0-9A-Za-z]{22}$/);
    expect(newId('paymentLink')).toMatch(/^cs_link_[0-9A-Za-z]{22}$/);
    expect(newId('checkoutSession')).toMatch(/^cs_[0-9A-Za-z]{22}$/);
  });

  it('does not repeat over many draws', () => {
    const seen = new Set(Array.from({ length: 20_000 }, () => newId('event')));
    expect(seen.size).toBe(20_000);
  });

  it('spreads characters evenly over the alphabet', () => {
    const counts = new Map<string, number>();
    const sample = randomBase62(62 * 2_000);
    for (const ch of sample) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(62);
    for (const n of counts.values()) {
      // expected 2000 each; 6 sigma is ~ ±265
      expect(n).toBeGreaterThan(1_700);
      expect(n).toBeLessThan(2_300);
    }
  });

  it('validates ids of one kind only', () => {
    const id = newId('order');
    expect(isId('order', id)).toBe(true);
    expect(isId('product', id)).toBe(false);
    expect(idSchema('checkoutSession').safeParse(newId('paymentLink')).success).toBe(false);
    expect(isId('order', `ord_${'a'.repeat(ID_RANDOM_LENGTH - 1)}`)).toBe(false);
  });
});
