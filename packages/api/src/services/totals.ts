import { allocateProportionally, applyBasisPoints, inclusiveTaxPortion } from './rounding';

export interface TotalsLineInput {
  unitAmount: number;
  quantity: number;
}

export type DiscountInput =
  | { kind: 'percent'; percentOffBps: number }
  | { kind: 'fixed'; amountOff: number }
  | null;

export interface TaxInput {
  rateBps: number;
  /** Inclusive: prices already contain the tax. Exclusive: tax is added on top. */
  inclusive: boolean;
}

export interface LineTotals {
  subtotal: number;
  discount: number;
  tax: number;
  total: number;
}

export interface OrderTotals {
  lines: LineTotals[];
  subtotal: number;
  discountTotal: number;
  taxTotal: number;
  total: number;
}

/**
 * Computes an order's totals from server-side prices. Rounding happens per line, in minor
 * units, half up; the order's figures are the sums of the lines, so they always add up.
 *
 * - line subtotal = unit amount × quantity
 * - percent discount: rounded per line; fixed discount: capped at the subtotal and spread over
 *   lines in proportion to their subtotals (largest remainder, so it sums exactly)
 * - exclusive tax = round(taxable × rate) added on top; inclusive tax is the part of the
 *   taxable amount that is tax, round(taxable − taxable / (1 + rate)), and adds nothing
 *
 * @example
 * computeOrderTotals([{ unitAmount: 1000, quantity: 2 }], { kind: 'percent', percentOffBps: 1000 },
 *   { rateBps: 1900, inclusive: false })
 * // → subtotal 2000, discountTotal 200, taxTotal 342, total 2142
 */
export function computeOrderTotals(
  lines: TotalsLineInput[],
  discount: DiscountInput,
  tax: TaxInput | null,
): OrderTotals {
  const subtotals = lines.map((line) => {
    if (!Number.isSafeInteger(line.unitAmount) || line.unitAmount < 0) {
      throw new RangeError('unit amounts must be non-negative integers');
    }
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
      throw new RangeError('quantities must be positive integers');
    }
    const subtotal = line.unitAmount * line.quantity;
    if (!Number.isSafeInteger(subtotal)) throw new RangeError('line subtotal is too large');
    return subtotal;
  });
  const orderSubtotal = subtotals.reduce((a, b) => a + b, 0);

  let discounts: number[];
  if (!discount) {
    discounts = subtotals.map(() => 0);
  } else if (discount.kind === 'percent') {
    discounts = subtotals.map((s) => applyBasisPoints(s, discount.percentOffBps));
  } else {
    discounts = allocateProportionally(Math.min(discount.amountOff, orderSubtotal), subtotals);
  }

  const lineTotals = subtotals.map((subtotal, i): LineTotals => {
    const lineDiscount = Math.min(discounts[i] ?? 0, subtotal);
    const taxable = subtotal - lineDiscount;
    if (!tax || tax.rateBps === 0) {
      return { subtotal, discount: lineDiscount, tax: 0, total: taxable };
    }
    if (tax.inclusive) {
      return {
        subtotal,
        discount: lineDiscount,
        tax: inclusiveTaxPortion(taxable, tax.rateBps),
        total: taxable,
      };
    }
    const lineTax = applyBasisPoints(taxable, tax.rateBps);
    return { subtotal, discount: lineDiscount, tax: lineTax, total: taxable + lineTax };
  });

  return {
    lines: lineTotals,
    subtotal: orderSubtotal,
    discountTotal: lineTotals.reduce((a, l) => a + l.discount, 0),
    taxTotal: lineTotals.reduce((a, l) => a + l.tax, 0),
    total: lineTotals.reduce((a, l) => a + l.total, 0),
  };
}
