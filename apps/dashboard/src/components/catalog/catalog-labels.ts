import { formatMoney } from '@prood/ui';

export type FulfillmentMethod = 'shipping' | 'local_delivery' | 'pickup' | 'digital';

export const FULFILLMENT_LABELS: Record<FulfillmentMethod, { label: string; hint: string }> = {
  shipping: { label: 'Shipping', hint: 'Posted to the shopper’s address.' },
  local_delivery: { label: 'Local delivery', hint: 'You bring it to the address.' },
  pickup: { label: 'Pickup', hint: 'The shopper collects it.' },
  digital: { label: 'Digital', hint: 'A download or access, nothing to send.' },
};

/** The currencies the forms offer first; the organization's own is added when missing. */
export const CURRENCIES: readonly string[] = [
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'SEK',
  'DKK',
  'NOK',
  'PLN',
  'CZK',
  'CAD',
  'AUD',
  'JPY',
  'KWD',
];

const INTERVALS = { day: 'day', week: 'week', month: 'month', year: 'year' } as const;

/** "€12.50", "€9.00 / month", "€90.00 every 3 months". */
export function priceLabel(price: {
  unitAmount: number;
  currency: string;
  type: string;
  recurringInterval: keyof typeof INTERVALS | null;
  recurringIntervalCount: number | null;
}): string {
  const amount = formatMoney(price.unitAmount, price.currency, 'en');
  if (price.type !== 'recurring' || !price.recurringInterval) return amount;
  const count = price.recurringIntervalCount ?? 1;
  const unit = INTERVALS[price.recurringInterval];
  return count === 1 ? `${amount} / ${unit}` : `${amount} every ${count} ${unit}s`;
}

/** A percentage from basis points: 1250 → "12.5 %". */
export const percentLabel = (bps: number) =>
  `${(bps / 100).toLocaleString('en', { maximumFractionDigits: 2 })} %`;

/** "12.5 % off" or "€5.00 off". */
export function discountLabel(coupon: {
  kind: string;
  percentOffBps: number | null;
  amountOff: number | null;
  currency: string | null;
}): string {
  if (coupon.kind === 'percent') return `${percentLabel(coupon.percentOffBps ?? 0)} off`;
  return `${formatMoney(coupon.amountOff ?? 0, coupon.currency ?? 'EUR', 'en')} off`;
}

/** Whether shoppers can use a coupon now, and why not. */
export function couponState(coupon: {
  active: boolean;
  expiresAt: Date | null;
  maxUses: number | null;
  timesUsed: number;
}): { label: string; tone: 'success' | 'neutral' | 'warning' } {
  if (!coupon.active) return { label: 'Deactivated', tone: 'neutral' };
  if (coupon.expiresAt && coupon.expiresAt <= new Date())
    return { label: 'Expired', tone: 'warning' };
  if (coupon.maxUses !== null && coupon.timesUsed >= coupon.maxUses)
    return { label: 'Used up', tone: 'warning' };
  return { label: 'Active', tone: 'success' };
}
