import type { AppRouter } from '@prood/api/trpc';
import { Badge, Field, Select } from '@prood/ui';
import type { inferRouterOutputs } from '@trpc/server';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { EventTime } from './event-time';

type Outputs = inferRouterOutputs<AppRouter>['providerEvents'];
export type ProviderLogEntry = Outputs['list']['data'][number];

export const RESULT_FILTERS = ['applied', 'duplicate', 'failed', 'rejected'] as const;
export type ResultFilter = (typeof RESULT_FILTERS)[number];

export const isResultFilter = (value: string): value is ResultFilter =>
  (RESULT_FILTERS as readonly string[]).includes(value);

/** Why a delivery was refused: the message key of each refusal code. */
const REASON_KEYS = {
  webhook_signature_invalid: 'signatureInvalid',
  webhook_signature_missing: 'signatureMissing',
  webhook_timestamp_out_of_tolerance: 'timestamp',
  webhook_payload_invalid: 'payloadInvalid',
  webhook_tenant_mismatch: 'tenantMismatch',
} as const;

/** What applying an event did: the message key of each of the API's effect outcomes. */
const OUTCOME_KEYS = {
  paid: 'paid',
  failed: 'failed',
  canceled: 'canceled',
  ignored: 'ignored',
  review: 'review',
  refund_recorded: 'refundRecorded',
  order_not_found: 'orderNotFound',
  attempt_ended: 'attemptEnded',
  processing: 'processing',
} as const;

const known = <T extends object>(keys: T, value: string): value is Extract<keyof T, string> =>
  Object.hasOwn(keys, value);

/** A refusal code in a merchant's words (an unknown one as its words). */
export function useReasonLabel(): (code: string) => string {
  const t = useTranslations('developers.providerEvents.reasons');
  return (code) => (known(REASON_KEYS, code) ? t(REASON_KEYS[code]) : code.replaceAll('_', ' '));
}

/** An effect outcome in a merchant's words (an unknown one as its words). */
export function useOutcomeLabel(): (outcome: string) => string {
  const t = useTranslations('developers.providerEvents.outcomes');
  return (outcome) =>
    known(OUTCOME_KEYS, outcome) ? t(OUTCOME_KEYS[outcome]) : outcome.replaceAll('_', ' ');
}

/** Provider names are brands: the same in every language. */
const PROVIDERS: Record<string, string> = {
  stripe: 'Stripe',
  sandbox: 'Sandbox',
  mollie: 'Mollie',
};
export const providerName = (id: string) => PROVIDERS[id] ?? id;

const bytes = new Intl.NumberFormat('en', {
  style: 'unit',
  unit: 'byte',
  notation: 'compact',
  unitDisplay: 'narrow',
});
export const formatBytes = (n: number) => bytes.format(n);

/** The result badges of one stored event: applied or failed, and redeliveries. */
export function EventResultBadges(props: { handled: boolean; duplicates: number }) {
  const t = useTranslations('developers.providerEvents.badges');
  return (
    <span className="flex flex-wrap gap-1">
      {props.handled ? (
        <Badge tone="success">{t('applied')}</Badge>
      ) : (
        <Badge tone="danger">{t('failed')}</Badge>
      )}
      {props.duplicates > 0 ? (
        <Badge tone="neutral">{t('duplicate', { count: props.duplicates })}</Badge>
      ) : null}
    </span>
  );
}

/** One row of the log: a stored event (links to its detail) or a minute of refused deliveries. */
export function ProviderLogRow({ entry }: { entry: ProviderLogEntry }) {
  const t = useTranslations('developers.providerEvents');
  const reasonLabel = useReasonLabel();
  const outcomeLabel = useOutcomeLabel();
  if (entry.kind === 'rejection') {
    return (
      <div className="flex flex-col gap-1 py-3 sm:flex-row sm:items-start sm:gap-4">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone="warning">{t('badges.rejected', { count: entry.count })}</Badge>
            <span className="text-sm font-medium">{reasonLabel(entry.reason)}</span>
          </span>
          <span className="flex flex-wrap gap-x-3 text-sm text-muted">
            <span>{providerName(entry.provider)}</span>
            <span>{t('row.refusedBy', { source: entry.source })}</span>
            <span>{t('row.upTo', { size: formatBytes(entry.maxBytes) })}</span>
            <span>{t('row.bodyNotKept')}</span>
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
          <span>{t('row.verified')}</span>
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
  const t = useTranslations('developers.providerEvents');
  return (
    <>
      <Field id="filter-type" label={t('filters.type')}>
        <Select name="type" defaultValue={props.type ?? ''}>
          <option value="">{t('filters.anyType')}</option>
          {props.types.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="filter-result" label={t('filters.result')}>
        <Select name="result" defaultValue={props.result ?? ''}>
          <option value="">{t('filters.anyResult')}</option>
          {RESULT_FILTERS.map((r) => (
            <option key={r} value={r}>
              {t(`results.${r}`)}
            </option>
          ))}
        </Select>
      </Field>
    </>
  );
}

/** An effect outcome as text, for server pages. */
export function OutcomeLabel({ outcome }: { outcome: string }) {
  return useOutcomeLabel()(outcome);
}
