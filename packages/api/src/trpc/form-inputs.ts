import { isSupportedCurrency, MoneyError, parseMajorUnits } from '@prood/checkout';
import { z } from 'zod';

/**
 * Inputs of the dashboard's forms, which are typed by people: amounts and percentages arrive as
 * the decimal text a merchant typed ("12.50", "19", "7,5") and are turned into integers here,
 * on the server, so a browser never decides how a price is rounded.
 */

/** Decimal text as typed; empty means "not given". */
export const decimalText = z.string().trim().max(20);

/** ISO 4217 code of a currency the platform charges in, upper-cased. */
export const supportedCurrency = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .refine(isSupportedCurrency, 'choose a supported currency, e.g. EUR');

/**
 * The minor units of an amount typed in `currency`'s major unit, or `z.NEVER` after adding an
 * issue at `path` that says, in words, what is wrong with it.
 *
 * @example
 * minorUnitsOf('12.50', 'EUR', ctx, ['amount']) // 1250; '1200' in JPY → 1200
 */
export function minorUnitsOf(
  text: string,
  currency: string,
  ctx: z.RefinementCtx,
  path: string[],
  options: { positive?: boolean } = {},
): number {
  if (!isSupportedCurrency(currency)) return z.NEVER;
  try {
    const minor = parseMajorUnits(text, currency);
    if (options.positive && minor === 0) {
      ctx.addIssue({ code: 'custom', path, message: 'must be more than 0' });
      return z.NEVER;
    }
    if (minor > 99_999_999_999) {
      ctx.addIssue({ code: 'custom', path, message: 'is too large' });
      return z.NEVER;
    }
    return minor;
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    ctx.addIssue({ code: 'custom', path, message: error.message });
    return z.NEVER;
  }
}

/**
 * A percentage typed as text ("19", "12.5", "7,25") in basis points (1900, 1250, 725), or
 * `z.NEVER` after adding an issue at `path`. At most two decimals, between `min` and 100 %.
 */
export function basisPointsOf(
  text: string,
  ctx: z.RefinementCtx,
  path: string[],
  min: 0 | 1,
): number {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match?.[1]) {
    ctx.addIssue({ code: 'custom', path, message: 'must be a percentage like 19 or 12.5' });
    return z.NEVER;
  }
  const bps = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (bps > 10_000 || bps < min) {
    ctx.addIssue({
      code: 'custom',
      path,
      message: min === 0 ? 'must be between 0 and 100' : 'must be more than 0 and at most 100',
    });
    return z.NEVER;
  }
  return bps;
}
