import { Badge } from '@prood/ui';
import { useTranslations } from 'next-intl';

type Tone = 'success' | 'warning' | 'danger' | 'neutral' | 'info';

/** The orders area's translator, from `getTranslations('orders')` or `useTranslations('orders')`. */
export type OrdersT = ReturnType<typeof useTranslations<'orders'>>;

const STATUSES = [
  'PENDING',
  'FAILED',
  'PAID',
  'FULFILLED',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
  'CANCELED',
] as const;
type OrderStatus = (typeof STATUSES)[number];

/** The tone of each order status's badge. */
const STATUS_TONE: Record<OrderStatus, Tone> = {
  PENDING: 'warning',
  FAILED: 'danger',
  PAID: 'success',
  FULFILLED: 'success',
  PARTIALLY_REFUNDED: 'info',
  REFUNDED: 'neutral',
  CANCELED: 'neutral',
};

const isStatus = (status: string): status is OrderStatus =>
  (STATUSES as readonly string[]).includes(status);

/** The order's status badge, and a second one while it needs the merchant's review. */
export function OrderStatusBadges(props: { status: string; needsReview: boolean }) {
  const t = useTranslations('orders');
  const known = isStatus(props.status) ? props.status : null;
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <Badge tone={known ? STATUS_TONE[known] : 'neutral'} data-testid="order-status">
        {known ? t(`status.${known}`) : props.status}
      </Badge>
      {props.needsReview ? <Badge tone="danger">{t('status.needsReview')}</Badge> : null}
    </span>
  );
}

/** Statuses whose money arrived and may still be (partly) refunded. */
export const REFUNDABLE_STATUSES = ['PAID', 'FULFILLED', 'PARTIALLY_REFUNDED'];
/** Statuses an order can be canceled from: nothing was paid yet. */
export const CANCELABLE_STATUSES = ['PENDING', 'FAILED'];

const KNOWN_PROVIDERS = ['sandbox', 'stripe', 'mollie'] as const;

/** A provider's name as a merchant knows it; an unknown one by its id, none as a dash. */
export function providerLabel(t: OrdersT, provider: string | null): string {
  if (!provider) return t('providers.none');
  const known = KNOWN_PROVIDERS.find((p) => p === provider);
  return known ? t(`providers.${known}`) : provider;
}
