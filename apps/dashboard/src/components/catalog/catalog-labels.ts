import { formatMoney } from '@prood/ui';
import type { useTranslations } from 'next-intl';

/** The catalog's translator, as `getTranslations('catalog')` or `useTranslations('catalog')` give it. */
export type CatalogT = ReturnType<typeof useTranslations<'catalog'>>;

export type FulfillmentMethod = 'shipping' | 'local_delivery' | 'pickup' | 'digital';

export const FULFILLMENT_METHODS: readonly FulfillmentMethod[] = [
  'shipping',
  'local_delivery',
  'pickup',
  'digital',
];

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

/** "€12.50", "€9.00 / month", "€90.00 every 3 months". */
export function priceLabel(
  t: CatalogT,
  price: {
    unitAmount: number;
    currency: string;
    type: string;
    recurringInterval: 'day' | 'week' | 'month' | 'year' | null;
    recurringIntervalCount: number | null;
  },
): string {
  const amount = formatMoney(price.unitAmount, price.currency, 'en');
  if (price.type !== 'recurring' || !price.recurringInterval) return amount;
  return t('price.recurring', {
    amount,
    interval: price.recurringInterval,
    count: price.recurringIntervalCount ?? 1,
  });
}

/** A percentage from basis points: 1250 → "12.5 %". */
export const percentLabel = (t: CatalogT, bps: number) =>
  t('price.percent', {
    value: (bps / 100).toLocaleString('en', { maximumFractionDigits: 2 }),
  });

/** "12.5 % off" or "€5.00 off". */
export function discountLabel(
  t: CatalogT,
  coupon: {
    kind: string;
    percentOffBps: number | null;
    amountOff: number | null;
    currency: string | null;
  },
): string {
  if (coupon.kind === 'percent')
    return t('price.percentOff', { percent: percentLabel(t, coupon.percentOffBps ?? 0) });
  return t('price.amountOff', {
    amount: formatMoney(coupon.amountOff ?? 0, coupon.currency ?? 'EUR', 'en'),
  });
}

/** Whether shoppers can use a coupon now, and why not. */
export function couponState(
  t: CatalogT,
  coupon: {
    active: boolean;
    expiresAt: Date | null;
    maxUses: number | null;
    timesUsed: number;
  },
): { label: string; tone: 'success' | 'neutral' | 'warning' } {
  if (!coupon.active) return { label: t('state.deactivated'), tone: 'neutral' };
  if (coupon.expiresAt && coupon.expiresAt <= new Date())
    return { label: t('state.expired'), tone: 'warning' };
  if (coupon.maxUses !== null && coupon.timesUsed >= coupon.maxUses)
    return { label: t('state.usedUp'), tone: 'warning' };
  return { label: t('state.active'), tone: 'success' };
}
