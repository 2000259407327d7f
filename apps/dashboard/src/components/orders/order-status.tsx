import { Badge } from '@prood/ui';

type Tone = 'success' | 'warning' | 'danger' | 'neutral' | 'info';

/** An order status in the merchant's words, with its tone. */
export const ORDER_STATUS: Record<string, { label: string; tone: Tone }> = {
  PENDING: { label: 'Pending', tone: 'warning' },
  FAILED: { label: 'Failed', tone: 'danger' },
  PAID: { label: 'Paid', tone: 'success' },
  FULFILLED: { label: 'Fulfilled', tone: 'success' },
  PARTIALLY_REFUNDED: { label: 'Partially refunded', tone: 'info' },
  REFUNDED: { label: 'Refunded', tone: 'neutral' },
  CANCELED: { label: 'Canceled', tone: 'neutral' },
};

/** The order's status badge, and a second one while it needs the merchant's review. */
export function OrderStatusBadges(props: { status: string; needsReview: boolean }) {
  const status = ORDER_STATUS[props.status] ?? { label: props.status, tone: 'neutral' as const };
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <Badge tone={status.tone} data-testid="order-status">
        {status.label}
      </Badge>
      {props.needsReview ? <Badge tone="danger">Needs review</Badge> : null}
    </span>
  );
}

/** Statuses whose money arrived and may still be (partly) refunded. */
export const REFUNDABLE_STATUSES = ['PAID', 'FULFILLED', 'PARTIALLY_REFUNDED'];
/** Statuses an order can be canceled from: nothing was paid yet. */
export const CANCELABLE_STATUSES = ['PENDING', 'FAILED'];

export const PROVIDER_LABEL: Record<string, string> = {
  sandbox: 'Sandbox',
  stripe: 'Stripe',
  mollie: 'Mollie',
};
export const providerLabel = (provider: string | null) =>
  provider ? (PROVIDER_LABEL[provider] ?? provider) : '—';
