import type { AppRouter } from '@prood/api/trpc';
import { Badge, Field, Select } from '@prood/ui';
import type { inferRouterOutputs } from '@trpc/server';
import Link from 'next/link';
import { EventTime } from './event-time';
import { formatCount } from './webhook-ui';

type Outputs = inferRouterOutputs<AppRouter>['providerEvents'];
export type ProviderLogEntry = Outputs['list']['data'][number];

export const RESULT_FILTERS = [
  { id: 'applied', label: 'Applied' },
  { id: 'duplicate', label: 'Duplicates' },
  { id: 'failed', label: 'Failed' },
  { id: 'rejected', label: 'Rejected' },
] as const;
export type ResultFilter = (typeof RESULT_FILTERS)[number]['id'];

export const isResultFilter = (value: string): value is ResultFilter =>
  RESULT_FILTERS.some((r) => r.id === value);

/** Why a delivery was refused, in a merchant's words. */
const REASONS: Record<string, string> = {
  webhook_signature_invalid: 'Signature did not match your signing secret',
  webhook_signature_missing: 'No signature',
  webhook_timestamp_out_of_tolerance: 'Signed more than 5 minutes away from now',
  webhook_payload_invalid: 'Body could not be read',
  webhook_tenant_mismatch: 'The event belongs to another account',
};
export const reasonLabel = (code: string) => REASONS[code] ?? code.replaceAll('_', ' ');

const PROVIDERS: Record<string, string> = {
  stripe: 'Stripe',
  sandbox: 'Sandbox',
  mollie: 'Mollie',
};
export const providerName = (id: string) => PROVIDERS[id] ?? id;

/** What applying an event did, in words (the API's effect outcomes). */
const OUTCOMES: Record<string, string> = {
  paid: 'Order paid',
  failed: 'Payment failed',
  canceled: 'Order canceled',
  ignored: 'Nothing to change',
  review: 'Paid after cancel: needs review',
  refund_recorded: 'Refund recorded',
  order_not_found: 'No matching order',
  attempt_ended: 'Checkout attempt ended',
  processing: 'Payment processing',
};
export const outcomeLabel = (outcome: string) => OUTCOMES[outcome] ?? outcome.replaceAll('_', ' ');

const bytes = new Intl.NumberFormat('en', {
  style: 'unit',
  unit: 'byte',
  notation: 'compact',
  unitDisplay: 'narrow',
});
export const formatBytes = (n: number) => bytes.format(n);

/** The result badges of one stored event: applied or failed, and redeliveries. */
export function EventResultBadges(props: { handled: boolean; duplicates: number }) {
  return (
    <span className="flex flex-wrap gap-1">
      {props.handled ? <Badge tone="success">Applied</Badge> : <Badge tone="danger">Failed</Badge>}
      {props.duplicates > 0 ? (
        <Badge tone="neutral">Duplicate ×{formatCount(props.duplicates)}</Badge>
      ) : null}
    </span>
  );
}

/** One row of the log: a stored event (links to its detail) or a minute of refused deliveries. */
export function ProviderLogRow({ entry }: { entry: ProviderLogEntry }) {
  if (entry.kind === 'rejection') {
    return (
      <div className="flex flex-col gap-1 py-3 sm:flex-row sm:items-start sm:gap-4">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone="warning">
              Rejected{entry.count > 1 ? ` ×${formatCount(entry.count)}` : ''}
            </Badge>
            <span className="text-sm font-medium">{reasonLabel(entry.reason)}</span>
          </span>
          <span className="flex flex-wrap gap-x-3 text-sm text-muted">
            <span>{providerName(entry.provider)}</span>
            <span>
              refused by {entry.source === 'checkout' ? 'the checkout receiver' : 'the API'}
            </span>
            <span>up to {formatBytes(entry.maxBytes)}</span>
            <span>body not kept</span>
          </span>
        </div>
        <span className="text-sm text-muted sm:text-right">
          <EventTime value={entry.at.toISOString()} />
        </span>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-1 py-3 sm:flex-row sm:items-start sm:gap-4">
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <span className="flex flex-wrap items-center gap-2">
          <EventResultBadges handled={entry.handledAt !== null} duplicates={entry.duplicates} />
          <Link
            href={`/developers/events/${entry.id}`}
            className="break-all font-mono text-sm font-medium underline-offset-4 hover:underline"
          >
            {entry.type}
          </Link>
        </span>
        <span className="flex flex-wrap gap-x-3 text-sm text-muted">
          <span>{providerName(entry.provider)}</span>
          <span>Verified</span>
          <code className="break-all font-mono text-xs leading-5">{entry.eventId}</code>
          {entry.outcomes.length > 0 ? (
            <span>{entry.outcomes.map(outcomeLabel).join(', ')}</span>
          ) : null}
          {entry.orderId ? (
            <Link
              href={`/orders/${entry.orderId}`}
              className="break-all font-mono text-xs leading-5 underline underline-offset-4"
            >
              {entry.orderId}
            </Link>
          ) : null}
        </span>
        {entry.error && entry.handledAt === null ? (
          <span className="break-words text-sm text-danger">{entry.error}</span>
        ) : null}
      </div>
      <span className="text-sm text-muted sm:text-right">
        <EventTime value={entry.at.toISOString()} />
      </span>
    </div>
  );
}

export function ProviderEventFilters(props: {
  types: string[];
  type: string | undefined;
  result: ResultFilter | undefined;
}) {
  return (
    <>
      <Field id="filter-type" label="Provider event type">
        <Select name="type" defaultValue={props.type ?? ''}>
          <option value="">Any type</option>
          {props.types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="filter-result" label="Result">
        <Select name="result" defaultValue={props.result ?? ''}>
          <option value="">Any result</option>
          {RESULT_FILTERS.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </Select>
      </Field>
    </>
  );
}
