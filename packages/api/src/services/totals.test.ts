import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateProportionally, divideRoundHalfUp } from './rounding';
import { computeOrderTotals, type DiscountInput, type TaxInput } from './totals';

// Amount scales for zero-, two- and three-decimal currencies (JPY, EUR, KWD): the maths is
// the same integers, but the magnitudes differ a lot.
const unitAmount = fc.oneof(
  fc.integer({ min: 0, max: 1_000 }),
  fc.integer({ min: 0, max: 99_999_999 }),
  fc.integer({ min: 0, max: 9_999_999_999 }),
);
const line = fc.record({ unitAmount, quantity: fc.integer({ min: 1, max: 1_000 }) });
const discount: fc.Arbitrary<DiscountInput> = fc.oneof(
  fc.constant(null),
  fc.record({
    kind: fc.constant('percent' as const),
    percentOffBps: fc.integer({ min: 1, max: 10_000 }),
  }),
  fc.record({
    kind: fc.constant('fixed' as const),
    amountOff: fc.integer({ min: 1, max: 10_000_000_000 }),
  }),
);
const tax: fc.Arbitrary<TaxInput | null> = fc.oneof(
  fc.constant(null),
  fc.record({ rateBps: fc.integer({ min: 0, max: 10_000 }), inclusive: fc.boolean() }),
);

describe('computeOrderTotals', () => {
  it('works through a documented example', () => {
    const totals = computeOrderTotals(
      [{ unitAmount: 1000, quantity: 2 }],
      { kind: 'percent', percentOffBps: 1000 },
      { rateBps: 1900, inclusive: false },
    );
    expect(totals).toMatchObject({
      subtotal: 2000,
      discountTotal: 200,
      taxTotal: 342,
      total: 2142,
    });
  });

  it('rounds per line, half up, and sums the lines', () => {
    // 3 × 0.333…: each line's 19 % of 333 is 63.27 → 63; the order tax is the sum, 189
    const totals = computeOrderTotals(
      [
        { unitAmount: 333, quantity: 1 },
        { unitAmount: 333, quantity: 1 },
        { unitAmount: 333, quantity: 1 },
      ],
      null,
      { rateBps: 1900, inclusive: false },
    );
    expect(totals.lines.map((l) => l.tax)).toEqual([63, 63, 63]);
    expect(totals.taxTotal).toBe(189);
    expect(totals.total).toBe(999 + 189);
    // 5 at 10 %: 0.5 rounds up to 1
    expect(
      computeOrderTotals([{ unitAmount: 5, quantity: 1 }], null, {
        rateBps: 1000,
        inclusive: false,
      }).taxTotal,
    ).toBe(1);
  });

  it('extracts inclusive tax without changing the price', () => {
    const totals = computeOrderTotals([{ unitAmount: 11900, quantity: 1 }], null, {
      rateBps: 1900,
      inclusive: true,
    });
    expect(totals).toMatchObject({ subtotal: 11900, taxTotal: 1900, total: 11900 });
  });

  it('spreads a fixed discount exactly and never below zero', () => {
    const totals = computeOrderTotals(
      [
        { unitAmount: 100, quantity: 1 },
        { unitAmount: 100, quantity: 1 },
        { unitAmount: 100, quantity: 1 },
      ],
      { kind: 'fixed', amountOff: 100 },
      null,
    );
    expect(totals.lines.map((l) => l.discount)).toEqual([34, 33, 33]);
    expect(totals.total).toBe(200);
    const capped = computeOrderTotals(
      [{ unitAmount: 500, quantity: 1 }],
      { kind: 'fixed', amountOff: 9_999 },
      null,
    );
    expect(capped).toMatchObject({ discountTotal: 500, total: 0 });
  });

  it('keeps its invariants for any cart, coupon and tax rate', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), discount, tax, (lines, d, t) => {
        const totals = computeOrderTotals(lines, d, t);
        const sum = (pick: (l: (typeof totals.lines)[number]) => number) =>
          totals.lines.reduce((a, l) => a + pick(l), 0);
        // the order is the sum of its lines
        expect(sum((l) => l.subtotal)).toBe(totals.subtotal);
        expect(sum((l) => l.discount)).toBe(totals.discountTotal);
        expect(sum((l) => l.tax)).toBe(totals.taxTotal);
        expect(sum((l) => l.total)).toBe(totals.total);
        // nothing negative, discounts never exceed what they discount
        for (const l of totals.lines) {
          expect(l.discount).toBeGreaterThanOrEqual(0);
          expect(l.discount).toBeLessThanOrEqual(l.subtotal);
          expect(l.tax).toBeGreaterThanOrEqual(0);
          expect(l.total).toBeGreaterThanOrEqual(0);
          expect(Number.isSafeInteger(l.total)).toBe(true);
        }
        const expectedSubtotal = lines.reduce((a, l) => a + l.unitAmount * l.quantity, 0);
        expect(totals.subtotal).toBe(expectedSubtotal);
        if (d?.kind === 'fixed') {
          expect(totals.discountTotal).toBe(Math.min(d.amountOff, expectedSubtotal));
        }
        if (t?.inclusive) {
          expect(totals.total).toBe(totals.subtotal - totals.discountTotal);
          expect(totals.taxTotal).toBeLessThanOrEqual(totals.total);
        } else {
          expect(totals.total).toBe(totals.subtotal - totals.discountTotal + totals.taxTotal);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('rejects fractional or negative input', () => {
    expect(() => computeOrderTotals([{ unitAmount: 10.5, quantity: 1 }], null, null)).toThrow(
      RangeError,
    );
    expect(() => computeOrderTotals([{ unitAmount: 10, quantity: 0 }], null, null)).toThrow(
      RangeError,
    );
    expect(() => computeOrderTotals([{ unitAmount: -1, quantity: 1 }], null, null)).toThrow(
      RangeError,
    );
  });
});

describe('rounding helpers', () => {
  it('round half away from zero', () => {
    expect(divideRoundHalfUp(5n, 10n)).toBe(1n);
    expect(divideRoundHalfUp(4n, 10n)).toBe(0n);
    expect(divideRoundHalfUp(-5n, 10n)).toBe(-1n);
  });

  it('allocate to exactly the total, in proportion', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 }),
        (total, weights) => {
          const parts = allocateProportionally(total, weights);
          const weightSum = weights.reduce((a, b) => a + b, 0);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(weightSum === 0 ? 0 : total);
          parts.forEach((p, i) => {
            if (weightSum === 0) return;
            const exact = (total * (weights[i] ?? 0)) / weightSum;
            expect(Math.abs(p - exact)).toBeLessThan(1 + 1e-6);
          });
        },
      ),
    );
  });
});
