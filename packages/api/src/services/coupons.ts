import { type Coupon, countPaidCouponUses, type Executor, getCouponByCode } from '@prood/db';
import { ApiError } from '../errors';
import type { DiscountInput } from './totals';

/**
 * Checks a coupon code at order time and returns the discount it gives. Usage is not counted
 * here: it is counted when the order is paid (never beyond `maxUses`, see `redeemCoupon`).
 */
export async function resolveCoupon(
  db: Executor,
  input: {
    tenantId: string;
    code: string;
    currency: string;
    subtotal: number;
    email: string;
    now?: Date;
  },
): Promise<{ coupon: Coupon; discount: DiscountInput }> {
  const coupon = await getCouponByCode(db, { tenantId: input.tenantId, code: input.code });
  const details = { field: 'couponCode' };
  if (!coupon) throw new ApiError('coupon_not_found', 'This coupon code does not exist.', details);
  if (!coupon.active)
    throw new ApiError('coupon_inactive', 'This coupon is no longer active.', details);
  if (coupon.expiresAt && coupon.expiresAt <= (input.now ?? new Date())) {
    throw new ApiError('coupon_expired', 'This coupon has expired.', details);
  }
  if (coupon.maxUses !== null && coupon.timesUsed >= coupon.maxUses) {
    throw new ApiError(
      'coupon_exhausted',
      'This coupon has been used the maximum number of times.',
      details,
    );
  }
  // a fixed amount, or a percentage with a minimum, is in one currency: other orders cannot use it
  if (coupon.currency !== null && coupon.currency !== input.currency) {
    throw new ApiError(
      'coupon_currency_mismatch',
      `This coupon applies to ${coupon.currency} orders only.`,
      details,
    );
  }
  if (coupon.minOrderAmount !== null && input.subtotal < coupon.minOrderAmount) {
    throw new ApiError(
      'coupon_minimum_not_met',
      'The order is below this coupon’s minimum amount.',
      {
        ...details,
        minimum: coupon.minOrderAmount,
      },
    );
  }
  if (coupon.oncePerCustomer) {
    const used = await countPaidCouponUses(db, {
      tenantId: input.tenantId,
      couponId: coupon.id,
      email: input.email,
    });
    if (used > 0) {
      throw new ApiError(
        'coupon_already_used',
        'This coupon can be used once per customer.',
        details,
      );
    }
  }
  const discount: DiscountInput =
    coupon.kind === 'percent'
      ? { kind: 'percent', percentOffBps: coupon.percentOffBps ?? 0 }
      : { kind: 'fixed', amountOff: coupon.amountOff ?? 0 };
  return { coupon, discount };
}
