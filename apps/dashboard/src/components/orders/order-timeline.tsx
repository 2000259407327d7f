import { formatMoney } from '@prood/ui';
import { useTranslations } from 'next-intl';
import { LocalTime } from './local-time';
import { type OrdersT, providerLabel } from './order-status';

export interface TimelineEntry {
  id: string;
  source: 'event' | 'effect' | 'provider';
  type: string;
  at: string;
  details: Record<string, unknown>;
}

const EVENT_TYPES = [
  'order.created',
  'order.paid',
  'order.payment_failed',
  'order.canceled',
  'order.refunded',
  'order.fulfilled',
  'payment_link.paid',
] as const;

// effects that the merchant event of the same move already tells
const TOLD_BY_EVENT: Record<string, string> = {
  paid: 'order.paid',
  canceled: 'order.canceled',
  fulfilled: 'order.fulfilled',
  failed: 'order.payment_failed',
};

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** A merchant event in words; an unknown type as it is. */
function eventWords(t: OrdersT, type: string): string {
  if (type === 'checkout.expired') return t('timeline.checkoutExpired');
  const known = EVENT_TYPES.find((e) => e === type);
  return known ? t(`timeline.event.${known}`) : type;
}

/** The mail effect's kind in words. */
function mailWords(t: OrdersT, rest: string[]): string {
  switch (rest[0]) {
    case 'order_confirmation':
      return rest[1] === 'resend' ? t('timeline.mailReceiptAgain') : t('timeline.mailConfirmation');
    case 'order_shipped':
      return t('timeline.mailShipped');
    case 'order_fulfilled':
      return t('timeline.mailFulfilled');
    case 'payment_recovery':
      return t('timeline.mailRecovery');
    default:
      return t('timeline.mailOther', { kind: rest.join(' ') });
  }
}

/** One effect-log row in words, or null when a merchant event says the same. */
function effectWords(
  t: OrdersT,
  entry: TimelineEntry,
  currency: string,
  eventTypes: Set<string>,
): { title: string; detail?: string | undefined } | null {
  const [kind = '', ...rest] = entry.type.split(':');
  const tracking = text(entry.details.trackingNumber);
  if (kind === 'fulfilled' && tracking) {
    // the event says "fulfilled"; only this row says how it shipped
    return {
      title: t('timeline.shippedWith', {
        carrier: text(entry.details.carrier) ?? t('timeline.theCarrier'),
      }),
      detail: t('timeline.trackingNumber', { tracking }),
    };
  }
  const method = text(entry.details.method);
  if (kind === 'fulfilled' && (method === 'pickup' || method === 'local_delivery')) {
    // only this row says how the shopper got it
    return { title: method === 'pickup' ? t('timeline.pickedUp') : t('timeline.delivered') };
  }
  const told = TOLD_BY_EVENT[kind];
  if (told && eventTypes.has(told)) return null;
  const amount = typeof entry.details.amount === 'number' ? entry.details.amount : undefined;
  switch (kind) {
    case 'paid':
      return { title: t('timeline.paymentApplied') };
    case 'canceled':
      return { title: t('timeline.orderCanceled'), detail: text(entry.details.reason) };
    case 'fulfilled':
      return { title: t('timeline.orderFulfilled') };
    case 'failed':
      return { title: t('timeline.attemptFailed', { attempt: rest[0] ?? '' }) };
    case 'refund':
      return {
        title:
          amount === undefined
            ? t('timeline.refundSettled')
            : t('timeline.refundSettledAmount', { amount: formatMoney(amount, currency, 'en') }),
      };
    case 'mail':
      return { title: mailWords(t, rest) };
    case 'receipt_resend':
      return { title: t('timeline.receiptResend'), detail: text(entry.details.to) };
    case 'recovery_mail':
      return { title: t('timeline.recoveryMail') };
    case 'stock_decremented':
      return { title: t('timeline.stockTaken') };
    case 'processing':
      return { title: t('timeline.processing') };
    case 'requires_action':
      return { title: t('timeline.requiresAction') };
    case 'attempt_expired':
      return { title: t('timeline.attemptExpired', { attempt: rest[0] ?? '' }) };
    case 'second_payment':
      return { title: t('timeline.secondPayment'), detail: rest.join(':') };
    case 'payment_mismatch':
      return { title: t('timeline.paymentMismatch'), detail: text(entry.details.reason) };
    case 'ignored':
      return { title: t('timeline.ignored') };
    default:
      return { title: entry.type };
  }
}

/** Everything that happened to the order, newest first, each with its time in the merchant's zone. */
export function OrderTimeline({
  entries,
  currency,
}: {
  entries: TimelineEntry[];
  currency: string;
}) {
  const t = useTranslations('orders');
  const eventTypes = new Set(entries.filter((e) => e.source === 'event').map((e) => e.type));
  const rows = entries
    .map((entry) => {
      if (entry.source === 'event')
        return { entry, title: eventWords(t, entry.type), detail: undefined };
      if (entry.source === 'provider') {
        const provider = providerLabel(t, text(entry.details.provider) ?? null);
        const error = text(entry.details.error);
        return {
          entry,
          title: t('timeline.providerSent', { provider, type: entry.type }),
          detail: error ? t('timeline.notApplied', { error }) : text(entry.details.eventId),
        };
      }
      const words = effectWords(t, entry, currency, eventTypes);
      return words ? { entry, ...words } : null;
    })
    .filter((row) => row !== null)
    .reverse();
  if (rows.length === 0) return <p className="text-sm text-muted">{t('timeline.empty')}</p>;
  return (
    <ol className="flex flex-col" data-testid="timeline">
      {rows.map(({ entry, title, detail }) => (
        <li key={entry.id} className="relative flex gap-3 pb-4 last:pb-0">
          <span
            aria-hidden
            className={`mt-1.5 size-2.5 shrink-0 rounded-full ${
              entry.source === 'provider'
                ? 'bg-info'
                : entry.source === 'event'
                  ? 'bg-accent'
                  : 'bg-border'
            }`}
          />
          <div className="min-w-0">
            <p className="text-sm font-medium">{title}</p>
            {detail ? <p className="break-all font-mono text-xs text-muted">{detail}</p> : null}
            <p className="text-xs text-muted">
              <LocalTime iso={entry.at} />
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
