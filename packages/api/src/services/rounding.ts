/**
 * Integer arithmetic for money. Products of amounts and basis points can pass 2^53, so the
 * work happens in BigInt and results come back as safe integers.
 */

/** round(numerator / denominator), halves away from zero; both operands integers, d > 0. */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const q = (2n * n + denominator) / (2n * denominator);
  return negative ? -q : q;
}

/** amount × bps / 10 000, rounded half up: the share of an amount at a basis-point rate. */
export function applyBasisPoints(amount: number, bps: number): number {
  return toSafeNumber(divideRoundHalfUp(BigInt(amount) * BigInt(bps), 10_000n));
}

/** The tax contained in a tax-inclusive amount at `bps`: amount − round(amount / (1 + rate)). */
export function inclusiveTaxPortion(amount: number, bps: number): number {
  const net = divideRoundHalfUp(BigInt(amount) * 10_000n, 10_000n + BigInt(bps));
  return toSafeNumber(BigInt(amount) - net);
}

/**
 * Splits `total` across `weights` in proportion, by largest remainder, so the parts are
 * integers that sum to exactly `total` (used to spread a fixed discount over lines).
 */
export function allocateProportionally(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const big = BigInt(total);
  const bigSum = BigInt(sum);
  const parts = weights.map((w) => (big * BigInt(w)) / bigSum);
  const remainders = weights.map((w, i) => ({ i, r: (big * BigInt(w)) % bigSum }));
  let left = big - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i] = (parts[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts.map(toSafeNumber);
}

export function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError('amount exceeds the safe integer range');
  }
  return Number(value);
}
