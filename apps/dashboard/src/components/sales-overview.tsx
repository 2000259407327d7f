import type { AppRouter } from '@prood/api/trpc';
import {
  Button,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  cn,
  EmptyState,
  Field,
  Input,
} from '@prood/ui';
import type { inferRouterOutputs } from '@trpc/server';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { formatMoney } from './money';
import { DailyChart } from './sales-chart';

type Overview = inferRouterOutputs<AppRouter>['analytics']['overview'];
type Series = Overview['series'][number];

export const SALES_RANGES = [{ id: '7d' }, { id: '30d' }, { id: '90d' }] as const;
export type SalesRangeId = (typeof SALES_RANGES)[number]['id'];

/** The longest custom range the API accepts, in days. */
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

/** What the overview asks the API for, and what the custom form shows (values and errors). */
export interface SalesPeriod {
  query: { range: SalesRangeId } | { range: 'custom'; from: string; to: string };
  from: string;
  to: string;
  /** Message keys (overview.sales.errors), worded where the form shows them. */
  errors: { from?: PeriodError; to?: PeriodError };
}

type PeriodError = 'realDate' | 'chooseStart' | 'chooseEnd' | 'endBeforeStart' | 'tooLong';

const dayOf = (value: string | undefined) => {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const t = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === value ? t : undefined;
};

/**
 * The period of `?range=7d|30d|90d` or `?range=custom&from=YYYY-MM-DD&to=YYYY-MM-DD`. A custom
 * range that is not valid keeps its values and errors for the form and shows 30 days meanwhile.
 */
export function parseSalesPeriod(params: {
  range?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}): SalesPeriod {
  const preset = SALES_RANGES.find((r) => r.id === params.range)?.id;
  const from = params.from ?? '';
  const to = params.to ?? '';
  if (params.range !== 'custom') {
    return { query: { range: preset ?? '30d' }, from, to, errors: {} };
  }
  const errors: SalesPeriod['errors'] = {};
  const start = dayOf(params.from);
  const end = dayOf(params.to);
  if (start === undefined) errors.from = from ? 'realDate' : 'chooseStart';
  if (end === undefined) errors.to = to ? 'realDate' : 'chooseEnd';
  if (start !== undefined && end !== undefined) {
    if (end < start) errors.to = 'endBeforeStart';
    else if ((end - start) / DAY_MS + 1 > MAX_DAYS) errors.to = 'tooLong';
  }
  return errors.from || errors.to
    ? { query: { range: '30d' }, from, to, errors }
    : { query: { range: 'custom', from, to }, from, to, errors };
}

const dayLabel = (day: string) =>
  new Intl.DateTimeFormat('en', {
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));

const count = new Intl.NumberFormat('en');
const percent = (rate: number | null) =>
  rate === null ? '—' : `${(rate * 100).toFixed(rate === 1 || rate === 0 ? 0 : 1)} %`;

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="mt-1 truncate text-xl font-semibold tabular-nums">{value}</dd>
      {hint ? <dd className="text-xs text-muted">{hint}</dd> : null}
    </div>
  );
}

/** The charts (hidden from assistive technology) with the same data in words and as a table. */
function SalesFigures({ series, from, to }: { series: Series; from: string; to: string }) {
  const t = useTranslations('overview.sales.chart');
  const best = series.points.reduce<Series['points'][number] | undefined>(
    (a, b) => (!a || b.net > a.net ? b : a),
    undefined,
  );
  const summary = `${t('netSummary', {
    from: dayLabel(from),
    to: dayLabel(to),
    currency: series.currency,
  })} ${
    best && best.net > 0
      ? t('highest', { amount: formatMoney(best.net, series.currency), day: dayLabel(best.day) })
      : t('noSales')
  }`;
  const active = series.points.filter((p) => p.orders > 0 || p.refunds > 0);
  return (
    <div className="mt-6 flex flex-col gap-6">
      <figure>
        <figcaption className="sr-only">{summary}</figcaption>
        <h3 className="mb-2 text-sm font-medium">{t('netTitle')}</h3>
        <DailyChart
          points={series.points}
          currency={series.currency}
          bars={[{ key: 'net', label: t('net'), color: 'var(--color-accent)' }]}
        />
      </figure>
      <figure>
        <figcaption className="sr-only">
          {t('ordersSummary', {
            currency: series.currency,
            orders: series.orders,
            refunds: series.refundCount,
          })}
        </figcaption>
        <h3 className="mb-2 text-sm font-medium">{t('ordersTitle')}</h3>
        <DailyChart
          height="sm"
          points={series.points}
          bars={[
            { key: 'orders', label: t('paidOrders'), color: 'var(--color-accent)' },
            { key: 'refunds', label: t('refunds'), color: 'var(--color-danger)' },
          ]}
        />
        <p className="mt-1 flex flex-wrap justify-end gap-x-4 text-xs text-muted">
          <span className="inline-flex items-center gap-1">
            <span className="inline-block size-2 rounded-full bg-accent" /> {t('paidOrders')}
          </span>
          <span className="inline-flex items-center gap-1">
            <span className="inline-block size-2 rounded-full bg-danger" /> {t('refunds')}
          </span>
          <span>{t('utcDays')}</span>
        </p>
      </figure>
      <details>
        <summary className="cursor-pointer text-sm text-muted">{t('showTable')}</summary>
        {active.length === 0 ? (
          <p className="mt-2 text-sm text-muted">{t('tableEmpty')}</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-left text-sm tabular-nums">
              <caption className="sr-only">
                {t('tableCaption', { currency: series.currency })}
              </caption>
              <thead className="text-muted">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    {t('day')}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right font-medium">
                    {t('net')}
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right font-medium">
                    {t('orders')}
                  </th>
                  <th scope="col" className="py-1 text-right font-medium">
                    {t('refunded')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {active.map((p) => (
                  <tr key={p.day}>
                    <th scope="row" className="py-1 pr-3 font-normal whitespace-nowrap">
                      {dayLabel(p.day)}
                    </th>
                    <td className="py-1 pr-3 text-right">{formatMoney(p.net, series.currency)}</td>
                    <td className="py-1 pr-3 text-right">{count.format(p.orders)}</td>
                    <td className="py-1 text-right">
                      {p.refunds > 0
                        ? t('refundedCell', {
                            amount: formatMoney(p.refundedAmount, series.currency),
                            count: count.format(p.refunds),
                          })
                        : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </details>
    </div>
  );
}

/** Presets and a custom range: GET links and a GET form, so the period works without JavaScript. */
function PeriodPicker({ overview, period }: { overview: Overview; period: SalesPeriod }) {
  const custom = period.query.range === 'custom' || Boolean(period.errors.from || period.errors.to);
  const t = useTranslations('overview.sales');
  const error = (key: PeriodError | undefined) =>
    key ? t(`errors.${key}`, { max: MAX_DAYS }) : undefined;
  return (
    <div className="flex flex-col gap-3">
      <nav aria-label={t('periodNav')}>
        <ul className="flex flex-wrap gap-1 rounded-ui bg-subtle p-1 text-sm">
          {SALES_RANGES.map((r) => {
            const current = !custom && r.id === overview.range;
            return (
              <li key={r.id}>
                <Link
                  href={`/?range=${r.id}`}
                  aria-current={current ? 'page' : undefined}
                  className={cn(
                    'block rounded-ui px-3 py-1 text-muted hover:text-fg',
                    current && 'bg-surface font-medium text-fg shadow-sm',
                  )}
                >
                  {t(`ranges.${r.id}`)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <form
        method="get"
        action="/"
        aria-label={t('customPeriod')}
        className="grid grid-cols-2 items-start gap-2 sm:flex sm:flex-wrap sm:items-start"
      >
        <input type="hidden" name="range" value="custom" />
        <Field id="period-from" label={t('from')} error={error(period.errors.from)}>
          <Input
            type="date"
            name="from"
            defaultValue={period.from || (custom ? '' : overview.from)}
            className="h-9"
          />
        </Field>
        <Field id="period-to" label={t('to')} error={error(period.errors.to)}>
          <Input
            type="date"
            name="to"
            defaultValue={period.to || (custom ? '' : overview.to)}
            className="h-9"
          />
        </Field>
        <Button type="submit" variant="secondary" size="sm" className="col-span-2 sm:mt-6">
          {t('show')}
        </Button>
      </form>
    </div>
  );
}

/** Sales over a period: volume, refunds, orders, conversion, what became of checkouts, charts. */
export function SalesOverview({ overview, period }: { overview: Overview; period: SalesPeriod }) {
  const [main, ...others] = overview.series;
  const { conversion, sessions } = overview;
  const t = useTranslations('overview.sales');
  return (
    <Card>
      <CardHeader className="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0">
          <CardTitle>{t('title')}</CardTitle>
          <p className="mt-1 text-sm text-muted">
            {t('period', {
              from: dayLabel(overview.from),
              to: dayLabel(overview.to),
              days: overview.days,
            })}
          </p>
        </div>
        <PeriodPicker overview={overview} period={period} />
      </CardHeader>
      <CardContent>
        {main ? (
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
            <Figure
              label={t('netVolume')}
              value={formatMoney(main.net, main.currency)}
              hint={t('afterRefunds')}
            />
            <Figure label={t('grossVolume')} value={formatMoney(main.gross, main.currency)} />
            <Figure
              label={t('refunds')}
              value={formatMoney(main.refundedInRange, main.currency)}
              hint={t('refundsInPeriod', { count: main.refundCount })}
            />
            <Figure
              label={t('paidOrders')}
              value={count.format(main.orders)}
              hint={t('average', { amount: formatMoney(main.averageOrder, main.currency) })}
            />
            <Figure
              label={t('conversion')}
              value={percent(conversion.rate)}
              hint={t('conversionHint', { paid: conversion.paid, started: conversion.started })}
            />
          </dl>
        ) : (
          <EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>
        )}
        <section aria-labelledby="checkout-sessions" className="mt-6">
          <h3 id="checkout-sessions" className="text-sm font-medium">
            {t('sessions.title')}
          </h3>
          <dl className="mt-2 grid grid-cols-2 gap-4 sm:grid-cols-4">
            <Figure label={t('sessions.opened')} value={count.format(sessions.opened)} />
            <Figure
              label={t('sessions.paid')}
              value={count.format(sessions.paid)}
              hint={t('sessions.paidHint', { rate: percent(sessions.rate) })}
            />
            <Figure label={t('sessions.expired')} value={count.format(sessions.expired)} />
            <Figure
              label={t('sessions.other')}
              value={count.format(sessions.other)}
              hint={t('sessions.otherHint')}
            />
          </dl>
        </section>
        {main ? <SalesFigures series={main} from={overview.from} to={overview.to} /> : null}
        {others.length > 0 ? (
          <p className="mt-4 text-sm text-muted">
            {t('alsoInPeriod', {
              list: others
                .map((s) =>
                  t('otherCurrency', { amount: formatMoney(s.net, s.currency), orders: s.orders }),
                )
                .join(' · '),
            })}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
