import {
  type Coupon,
  type Executor,
  listShippingRates,
  listTaxRates,
  type ShippingRate,
  type TaxRate,
} from '@prood/db';
import { ApiError } from '../errors';
import { resolveCoupon } from './coupons';
import { computeOrderTotals, type OrderTotals } from './totals';

export interface PriceOrderInput {
  tenantId: string;
  currency: string;
  lines: Array<{ unitAmount: number; quantity: number }>;
  couponCode: string | null;
  email: string;
  /** Tax country (the shipping address's, else the customer's). */
  country: string | null;
  shippingRateId: string | null;
}

export interface PricedOrder {
  totals: OrderTotals & { shippingTotal: number };
  coupon: Coupon | null;
  taxRate: TaxRate | null;
  shippingRate: ShippingRate | null;
}

/** A rate's price for an order: free once the merchandise after discount reaches `freeAbove`. */
export function shippingAmountFor(rate: ShippingRate, merchandise: number): number {
  return rate.freeAbove !== null && merchandise >= rate.freeAbove ? 0 : rate.amount;
}

/**
 * Prices an order from the database: its lines, the coupon (checked again), the tax rate of
 * the country and the chosen shipping rate. Used when an order is created and every time the
 * shopper changes something on the checkout page, so both always agree to the minor unit.
 * Shipping is not taxed here (the tax rates model goods only).
 */
export async function priceOrder(db: Executor, input: PriceOrderInput): Promise<PricedOrder> {
  const subtotal = input.lines.reduce((a, l) => a + l.unitAmount * l.quantity, 0);
  // independent reads, sent together
  const [coupon, [taxRate]] = await Promise.all([
    input.couponCode
      ? resolveCoupon(db, {
          tenantId: input.tenantId,
          code: input.couponCode,
          currency: input.currency,
          subtotal,
          email: input.email,
        })
      : null,
    input.country ? listTaxRates(db, { tenantId: input.tenantId, country: input.country }) : [],
  ]);
  const totals = computeOrderTotals(
    input.lines,
    coupon?.discount ?? null,
    taxRate ? { rateBps: taxRate.rateBps, inclusive: taxRate.inclusive } : null,
  );
  let shippingRate: ShippingRate | null = null;
  if (input.shippingRateId) {
    const rates = await listShippingRates(db, {
      tenantId: input.tenantId,
      currency: input.currency,
    });
    shippingRate = rates.find((r) => r.id === input.shippingRateId) ?? null;
    if (!shippingRate) {
      throw new ApiError('shipping_rate_not_found', 'This shipping option is not available.', {
        field: 'shippingRateId',
      });
    }
  }
  const merchandise = totals.subtotal - totals.discountTotal;
  const shippingTotal = shippingRate ? shippingAmountFor(shippingRate, merchandise) : 0;
  return {
    totals: { ...totals, shippingTotal, total: totals.total + shippingTotal },
    coupon: coupon?.coupon ?? null,
    taxRate: taxRate ?? null,
    shippingRate,
  };
}
