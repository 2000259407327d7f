import { Badge, Button, buttonVariants, cn, EmptyState, Field, Select } from '@prood/ui';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';

/** The message key of each event type's hint (the checkboxes and the event log). */
const EVENT_HINT_KEYS = {
  'order.created': 'orderCreated',
  'order.paid': 'orderPaid',
  'order.payment_failed': 'orderPaymentFailed',
  'order.fulfilled': 'orderFulfilled',
  'order.canceled': 'orderCanceled',
  'order.refunded': 'orderRefunded',
  'checkout.expired': 'checkoutExpired',
  'subscription.created': 'subscriptionCreated',
  'subscription.updated': 'subscriptionUpdated',
  'subscription.canceled': 'subscriptionCanceled',
  'payment_link.paid': 'paymentLinkPaid',
} as const;

const hasHint = (type: string): type is keyof typeof EVENT_HINT_KEYS =>
  Object.hasOwn(EVENT_HINT_KEYS, type);

/** What an event type means, in a merchant's words; empty for a type without a hint. */
export function useEventTypeHint(): (type: string) => string {
  const t = useTranslations('webhooks.eventHints');
  return (type) => (hasHint(type) ? t(EVENT_HINT_KEYS[type]) : '');
}

/** The hint as text (server pages and client forms alike). */
export function EventTypeHint({ type }: { type: string }) {
  return useEventTypeHint()(type);
}

const GROUP_KEYS = ['order', 'checkout', 'subscription', 'payment_link'] as const;
const isGroupKey = (object: string): object is (typeof GROUP_KEYS)[number] =>
  (GROUP_KEYS as readonly string[]).includes(object);

/** Event types grouped by the object they are about, in the API's order. */
export function groupEventTypes(types: readonly string[]): { object: string; types: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const type of types) {
    const object = type.split('.')[0] ?? type;
    groups.set(object, [...(groups.get(object) ?? []), type]);
  }
  return [...groups].map(([object, members]) => ({ object, types: members }));
}

/** The heading of one group of event types: "Orders", "Payment links", … */
export function useGroupLabel(): (object: string) => string {
  const t = useTranslations('webhooks.groups');
  return (object) => (isGroupKey(object) ? t(object) : object);
}

export interface EndpointLike {
  status: 'enabled' | 'disabled';
  disabledReason: string | null;
  enabledEvents: string[];
  mode: 'test' | 'live';
}

/** The API pauses an endpoint with this reason; any other disabled endpoint was stopped by failures. */
const PAUSED_REASON = 'Paused by the merchant.';

export const isPaused = (endpoint: EndpointLike) =>
  endpoint.status === 'disabled' && endpoint.disabledReason === PAUSED_REASON;

export function EndpointStatusBadge({ endpoint }: { endpoint: EndpointLike }) {
  const t = useTranslations('webhooks.status');
  if (endpoint.status === 'enabled') return <Badge tone="success">{t('enabled')}</Badge>;
  if (isPaused(endpoint)) return <Badge tone="warning">{t('paused')}</Badge>;
  return <Badge tone="danger">{t('disabled')}</Badge>;
}

export function ModeBadge({ mode }: { mode: 'test' | 'live' }) {
  const t = useTranslations('webhooks.mode');
  return <Badge tone={mode === 'live' ? 'success' : 'warning'}>{t(mode)}</Badge>;
}

export function DeliveryStatusBadge({ status }: { status: 'pending' | 'succeeded' | 'failed' }) {
  const t = useTranslations('webhooks.delivery');
  const tone = status === 'succeeded' ? 'success' : status === 'failed' ? 'danger' : 'info';
  return <Badge tone={tone}>{t(status)}</Badge>;
}

const count = new Intl.NumberFormat('en');

/** "All events" or "3 event types". */
export function EventTypesSummary({ enabledEvents }: { enabledEvents: string[] }) {
  const t = useTranslations('webhooks');
  return t('eventTypesSummary', {
    all: enabledEvents.includes('*') ? 'yes' : 'no',
    count: enabledEvents.length,
  });
}

export const formatCount = (n: number) => count.format(n);

/** "1 attempt", "12 attempts". */
export function AttemptsLabel({ count }: { count: number }) {
  const t = useTranslations('webhooks');
  return t('attempts', { count });
}

const millis = new Intl.NumberFormat('en', { style: 'unit', unit: 'millisecond' });
export const formatDuration = (ms: number) => millis.format(ms);

/** The read-only view members get: the router shows webhooks to owners and admins only. */
export function AdminsOnly({ organizationName }: { organizationName: string }) {
  const t = useTranslations('webhooks.adminsOnly');
  return (
    <EmptyState title={t('title')}>{t('body', { organization: organizationName })}</EmptyState>
  );
}

/** JSON as people read it: indented, or the raw text when it does not parse. */
export function prettyJson(text: string | null): string {
  if (text === null) return '';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** A payload in full, wrapped rather than scrolled, so it reads on a phone and needs no focus. */
export function JsonBlock({ json, label }: { json: string; label: string }) {
  return (
    <figure className="flex flex-col gap-1">
      <figcaption className="sr-only">{label}</figcaption>
      <pre className="whitespace-pre-wrap break-all rounded-ui border border-border bg-subtle p-3 font-mono text-xs leading-relaxed">
        <code>{json}</code>
      </pre>
    </figure>
  );
}

/**
 * Keyset pagination through the URL: `after` is the cursor of this page (the last id of the
 * page before), `trail` the cursors of the pages before that, so "Previous" needs no query
 * the API lacks. Both are validated; a malformed one is `null` (the caller's 404).
 */
export interface PageCursor {
  after: string | undefined;
  trail: string[];
}

const MAX_TRAIL = 100;

export function parsePageCursor(
  params: Record<string, string | string[] | undefined>,
  /** The id prefix of the list's rows; `evt|whr` for a list of two kinds. */
  prefix: 'whd' | 'evt' | 'evt|whr' | 'mail',
): PageCursor | null {
  const id = new RegExp(`^(?:${prefix})_[0-9A-Za-z]{8,40}$`);
  const after = params.after;
  const trailParam = params.trail;
  if (Array.isArray(after) || Array.isArray(trailParam)) return null;
  if (after !== undefined && !id.test(after)) return null;
  const trail = trailParam ? trailParam.split(',') : [];
  if (trail.length > MAX_TRAIL || trail.some((t) => !id.test(t))) return null;
  if (trail.length > 0 && after === undefined) return null;
  return { after, trail };
}

function hrefWith(path: string, filters: Record<string, string | undefined>, cursor: PageCursor) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) query.set(key, value);
  if (cursor.after) query.set('after', cursor.after);
  if (cursor.trail.length > 0) query.set('trail', cursor.trail.join(','));
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}

/** "Previous" / "Next" links for a keyset page; filters stay in both. */
export function Pager(props: {
  path: string;
  filters: Record<string, string | undefined>;
  cursor: PageCursor;
  lastId: string | undefined;
  hasMore: boolean;
  label: string;
}) {
  const { cursor } = props;
  const t = useTranslations('webhooks.pager');
  const previous =
    cursor.after === undefined
      ? null
      : hrefWith(props.path, props.filters, {
          after: cursor.trail.at(-1),
          trail: cursor.trail.slice(0, -1),
        });
  const next =
    props.hasMore && props.lastId && cursor.trail.length < MAX_TRAIL
      ? hrefWith(props.path, props.filters, {
          after: props.lastId,
          trail: cursor.after ? [...cursor.trail, cursor.after] : cursor.trail,
        })
      : null;
  if (!previous && !next) return null;
  const link = buttonVariants({ variant: 'secondary', size: 'sm' });
  return (
    <nav aria-label={props.label} className="flex justify-between gap-2">
      {previous ? (
        <Link href={previous} className={link} rel="prev">
          {t('previous')}
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next} className={cn(link, 'ml-auto')} rel="next">
          {t('next')}
        </Link>
      ) : null}
    </nav>
  );
}

/** A GET form of list filters: works without JavaScript, and a new filter starts at page one. */
export function FilterForm(props: {
  children: ReactNode;
  clearHref: string | null;
  className: string;
}) {
  const t = useTranslations('webhooks.filter');
  return (
    <form method="get" className={cn('grid gap-3 sm:items-end', props.className)}>
      {props.children}
      <div className="flex gap-2">
        <Button type="submit" variant="secondary">
          {t('submit')}
        </Button>
        {props.clearHref ? (
          <Link href={props.clearHref} className="self-center text-sm underline underline-offset-4">
            {t('clear')}
          </Link>
        ) : null}
      </div>
    </form>
  );
}

export function EventTypeSelect(props: { eventTypes: string[]; value: string | undefined }) {
  const t = useTranslations('webhooks.filter');
  return (
    <Field id="filter-type" label={t('eventType')}>
      <Select name="type" defaultValue={props.value ?? ''}>
        <option value="">{t('anyEventType')}</option>
        {props.eventTypes.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </Select>
    </Field>
  );
}
