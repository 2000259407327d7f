import { formatMoney } from '@prood/ui';
import { LocalTime } from './local-time';
import { providerLabel } from './order-status';

export interface TimelineEntry {
  id: string;
  source: 'event' | 'effect' | 'provider';
  type: string;
  at: string;
  details: Record<string, unknown>;
}

const EVENT_WORDS: Record<string, string> = {
  'order.created': 'Order created',
  'order.paid': 'Payment succeeded: order paid',
  'order.payment_failed': 'Payment failed',
  'order.canceled': 'Order canceled',
  'order.refunded': 'Refund recorded on the order',
  'order.fulfilled': 'Order fulfilled',
  'checkout.expired': 'Checkout expired unpaid',
};

// effects that the merchant event of the same move already tells
const TOLD_BY_EVENT: Record<string, string> = {
  paid: 'order.paid',
  canceled: 'order.canceled',
  fulfilled: 'order.fulfilled',
  failed: 'order.payment_failed',
};

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** One effect-log row in words, or null when a merchant event says the same. */
function effectWords(
  entry: TimelineEntry,
  currency: string,
  eventTypes: Set<string>,
): { title: string; detail?: string | undefined } | null {
  const [kind = '', ...rest] = entry.type.split(':');
  const tracking = text(entry.details.trackingNumber);
  if (kind === 'fulfilled' && tracking) {
    // the event says "fulfilled"; only this row says how it shipped
    return {
      title: `Shipped with ${text(entry.details.carrier) ?? 'the carrier'}`,
      detail: `Tracking ${tracking}`,
    };
  }
  const told = TOLD_BY_EVENT[kind];
  if (told && eventTypes.has(told)) return null;
  const amount = typeof entry.details.amount === 'number' ? entry.details.amount : undefined;
  switch (kind) {
    case 'paid':
      return { title: 'Payment applied to the order' };
    case 'canceled':
      return { title: 'Order canceled', detail: text(entry.details.reason) };
    case 'fulfilled':
      return { title: 'Order fulfilled' };
    case 'failed':
      return { title: `Payment attempt ${rest[0] ?? ''} failed` };
    case 'refund':
      return {
        title:
          amount === undefined
            ? 'Refund settled with the provider'
            : `Refund of ${formatMoney(amount, currency, 'en')} settled with the provider`,
      };
    case 'mail':
      return {
        title:
          rest[0] === 'order_confirmation'
            ? rest[1] === 'resend'
              ? 'Receipt mailed to the shopper again'
              : 'Confirmation mail sent to the shopper'
            : rest[0] === 'order_shipped'
              ? 'Shipping mail sent to the shopper'
              : rest[0] === 'payment_recovery'
                ? 'Mail sent to the shopper to try paying again'
                : `Mail sent: ${rest.join(' ')}`,
      };
    case 'receipt_resend':
      return { title: 'Receipt resend requested', detail: text(entry.details.to) };
    case 'recovery_mail':
      return { title: 'Payment recovery mail queued' };
    case 'stock_decremented':
      return { title: 'Stock taken for the order' };
    case 'processing':
      return { title: 'Payment processing (asynchronous method)' };
    case 'requires_action':
      return { title: 'Payment waits for the shopper to authenticate' };
    case 'attempt_expired':
      return { title: `Checkout attempt ${rest[0] ?? ''} expired` };
    case 'second_payment':
      return { title: 'A second payment arrived for this order', detail: rest.join(':') };
    case 'payment_mismatch':
      return {
        title: 'A payment did not match the order',
        detail: text(entry.details.reason),
      };
    case 'ignored':
      return { title: 'Provider event ignored: the order had moved on' };
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
  const eventTypes = new Set(entries.filter((e) => e.source === 'event').map((e) => e.type));
  const rows = entries
    .map((entry) => {
      if (entry.source === 'event')
        return { entry, title: EVENT_WORDS[entry.type] ?? entry.type, detail: undefined };
      if (entry.source === 'provider') {
        const provider = providerLabel(text(entry.details.provider) ?? null);
        const error = text(entry.details.error);
        return {
          entry,
          title: `${provider} sent ${entry.type}`,
          detail: error ? `Not applied: ${error}` : text(entry.details.eventId),
        };
      }
      const words = effectWords(entry, currency, eventTypes);
      return words ? { entry, ...words } : null;
    })
    .filter((row) => row !== null)
    .reverse();
  if (rows.length === 0) return <p className="text-sm text-muted">Nothing has happened yet.</p>;
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
