import { describe, expect, it } from 'vitest';
import { accentColorSchema, contrastRatio } from './contrast';

describe('contrastRatio', () => {
  it('matches the WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // #767676 is the well-known lightest grey that passes AA on white.
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });
});

describe('accentColorSchema', () => {
  it('accepts a dark brand colour and normalises case', () => {
    expect(accentColorSchema.parse('#1F4FD1')).toBe('#1f4fd1');
  });

  it('refuses a colour white text cannot be read on', () => {
    const result = accentColorSchema.safeParse('#ffd400');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('4.5:1');
  });

  it('refuses something that is not a colour', () => {
    expect(accentColorSchema.safeParse('red').success).toBe(false);
    expect(accentColorSchema.safeParse('#fff').success).toBe(false);
  });
});
