import { Badge, Button, buttonVariants, cn, EmptyState, Field, Select } from '@prood/ui';
import Link from 'next/link';
import type { ReactNode } from 'react';

/** What each event type means, in a merchant's words (the checkboxes and the event log). */
export const EVENT_TYPE_HINTS: Record<string, string> = {
  'order.created': 'A storefront created an order.',
  'order.paid': 'The shopper paid.',
  'order.payment_failed': 'A payment attempt failed.',
  'order.fulfilled': 'The order was fulfilled.',
  'order.canceled': 'The order was canceled or its checkout expired.',
  'order.refunded': 'Money went back, in part or in full.',
  'checkout.expired': 'A shopper left without paying: send a reminder.',
  'subscription.created': 'A subscription started.',
  'subscription.updated': 'A subscription changed.',
  'subscription.canceled': 'A subscription ended.',
  'payment_link.paid': 'A payment link was paid.',
};

const GROUP_LABELS: Record<string, string> = {
  order: 'Orders',
  checkout: 'Checkout',
  subscription: 'Subscriptions',
  payment_link: 'Payment links',
};

/** Event types grouped by the object they are about, in the API's order. */
export function groupEventTypes(types: readonly string[]): { label: string; types: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const type of types) {
    const object = type.split('.')[0] ?? type;
    groups.set(object, [...(groups.get(object) ?? []), type]);
  }
  return [...groups].map(([object, members]) => ({
    label: GROUP_LABELS[object] ?? object,
    types: members,
  }));
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
  if (endpoint.status === 'enabled') return <Badge tone="success">Enabled</Badge>;
  if (isPaused(endpoint)) return <Badge tone="warning">Paused</Badge>;
  return <Badge tone="danger">Disabled</Badge>;
}

export function ModeBadge({ mode }: { mode: 'test' | 'live' }) {
  return (
    <Badge tone={mode === 'live' ? 'success' : 'warning'}>
      {mode === 'live' ? 'Live' : 'Test'}
    </Badge>
  );
}

export function DeliveryStatusBadge({ status }: { status: 'pending' | 'succeeded' | 'failed' }) {
  if (status === 'succeeded') return <Badge tone="success">Succeeded</Badge>;
  if (status === 'failed') return <Badge tone="danger">Failed</Badge>;
  return <Badge tone="info">Pending</Badge>;
}

const count = new Intl.NumberFormat('en');

/** "All events" or "3 event types". */
export function eventTypesSummary(enabledEvents: string[]): string {
  if (enabledEvents.includes('*')) return 'All events';
  const n = enabledEvents.length;
  return `${count.format(n)} event ${n === 1 ? 'type' : 'types'}`;
}

export const formatCount = (n: number) => count.format(n);

/** "1 attempt", "12 attempts". */
export const attemptsLabel = (n: number) =>
  `${count.format(n)} ${n === 1 ? 'attempt' : 'attempts'}`;

const millis = new Intl.NumberFormat('en', { style: 'unit', unit: 'millisecond' });
export const formatDuration = (ms: number) => millis.format(ms);

/** The read-only view members get: the router shows webhooks to owners and admins only. */
export function AdminsOnly({ organizationName }: { organizationName: string }) {
  return (
    <EmptyState title="Owners and admins manage webhooks">
      You are a member of {organizationName}. Endpoints, deliveries and events carry your customers’
      data, so only owners and admins of the organization see them. Ask one of them for access.
    </EmptyState>
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
  prefix: 'whd' | 'evt' | 'evt|whr',
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
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next} className={cn(link, 'ml-auto')} rel="next">
          Next →
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
  return (
    <form method="get" className={cn('grid gap-3 sm:items-end', props.className)}>
      {props.children}
      <div className="flex gap-2">
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {props.clearHref ? (
          <Link href={props.clearHref} className="self-center text-sm underline underline-offset-4">
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}

export function EventTypeSelect(props: { eventTypes: string[]; value: string | undefined }) {
  return (
    <Field id="filter-type" label="Event type">
      <Select name="type" defaultValue={props.value ?? ''}>
        <option value="">Any event type</option>
        {props.eventTypes.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </Select>
    </Field>
  );
}
