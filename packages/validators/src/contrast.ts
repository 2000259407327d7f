import { z } from 'zod';

/** WCAG 2.x AA minimum for normal-size text, which a button label is. */
export const WCAG_AA_TEXT_CONTRAST = 4.5;

/** The label colour buttons in the accent colour carry (see packages/ui styles.css). */
export const ACCENT_BUTTON_TEXT = '#ffffff';

const HEX = /^#([0-9a-f]{6})$/i;

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a `#rrggbb` colour (WCAG 2.x definition). */
export function relativeLuminance(hex: string): number {
  const match = HEX.exec(hex);
  if (!match?.[1]) throw new RangeError(`not a #rrggbb colour: ${hex}`);
  const n = Number.parseInt(match[1], 16);
  return (
    0.2126 * channel((n >> 16) & 0xff) +
    0.7152 * channel((n >> 8) & 0xff) +
    0.0722 * channel(n & 0xff)
  );
}

/**
 * Contrast ratio of two `#rrggbb` colours, 1 to 21.
 *
 * @example
 * contrastRatio('#000000', '#ffffff') // → 21
 */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * A tenant's accent colour: `#rrggbb`, refused when the button label on it would fail WCAG AA.
 *
 * @example
 * accentColorSchema.parse('#1f4fd1') // ok
 * accentColorSchema.parse('#ffd400') // throws: contrast 1.4:1 on white text
 */
export const accentColorSchema = z
  .string()
  .regex(HEX, 'Use a colour like #1f4fd1')
  .transform((value) => value.toLowerCase())
  .refine((value) => contrastRatio(value, ACCENT_BUTTON_TEXT) >= WCAG_AA_TEXT_CONTRAST, {
    message: `The button text must have a contrast of at least ${WCAG_AA_TEXT_CONTRAST}:1 on this colour (WCAG AA)`,
  });
