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
import { formatMoney } from './money';
import { DailyChart } from './sales-chart';

type Overview = inferRouterOutputs<AppRouter>['analytics']['overview'];
type Series = Overview['series'][number];

export const SALES_RANGES = [
  { id: '7d', label: '7 days' },
  { id: '30d', label: '30 days' },
  { id: '90d', label: '90 days' },
] as const;
export type SalesRangeId = (typeof SALES_RANGES)[number]['id'];

/** The longest custom range the API accepts, in days. */
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

/** What the overview asks the API for, and what the custom form shows (values and errors). */
export interface SalesPeriod {
  query: { range: SalesRangeId } | { range: 'custom'; from: string; to: string };
  from: string;
  to: string;
  errors: { from?: string; to?: string };
}

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
  if (start === undefined) errors.from = from ? 'Enter a real date.' : 'Choose a start date.';
  if (end === undefined) errors.to = to ? 'Enter a real date.' : 'Choose an end date.';
  if (start !== undefined && end !== undefined) {
    if (end < start) errors.to = 'The end must be on or after the start.';
    else if ((end - start) / DAY_MS + 1 > MAX_DAYS) {
      errors.to = `Choose at most ${MAX_DAYS} days.`;
    }
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
  const best = series.points.reduce<Series['points'][number] | undefined>(
    (a, b) => (!a || b.net > a.net ? b : a),
    undefined,
  );
  const summary = `Net sales per day from ${dayLabel(from)} to ${dayLabel(to)} (UTC days), ${series.currency}. ${
    best && best.net > 0
      ? `Highest: ${formatMoney(best.net, series.currency)} on ${dayLabel(best.day)}.`
      : 'No sales in this period.'
  }`;
  const active = series.points.filter((p) => p.orders > 0 || p.refunds > 0);
  return (
    <div className="mt-6 flex flex-col gap-6">
      <figure>
        <figcaption className="sr-only">{summary}</figcaption>
        <h3 className="mb-2 text-sm font-medium">Net sales per day</h3>
        <DailyChart
          points={series.points}
          currency={series.currency}
          bars={[{ key: 'net', label: 'Net sales', color: 'var(--color-accent)' }]}
        />
      </figure>
      <figure>
        <figcaption className="sr-only">
          Paid orders and refunds per day, {series.currency}: {count.format(series.orders)} paid
          orders and {count.format(series.refundCount)} refunds in the period.
        </figcaption>
        <h3 className="mb-2 text-sm font-medium">Paid orders and refunds per day</h3>
        <DailyChart
          height="sm"
          points={series.points}
          bars={[
            { key: 'orders', label: 'Paid orders', color: 'var(--color-accent)' },
            { key: 'refunds', label: 'Refunds', color: 'var(--color-danger)' },
          ]}
        />
        <p className="mt-1 flex flex-wrap justify-end gap-x-4 text-xs text-muted">
          <span className="inline-flex items-center gap-1">
            <span className="inline-block size-2 rounded-full bg-accent" /> Paid orders
          </span>
          <span className="inline-flex items-center gap-1">
            <span className="inline-block size-2 rounded-full bg-danger" /> Refunds
          </span>
          <span>UTC days</span>
        </p>
      </figure>
      <details>
        <summary className="cursor-pointer text-sm text-muted">Show the days as a table</summary>
        {active.length === 0 ? (
          <p className="mt-2 text-sm text-muted">No paid orders or refunds on any day.</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-left text-sm tabular-nums">
              <caption className="sr-only">
                Sales and refunds per UTC day, {series.currency}
              </caption>
              <thead className="text-muted">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">
                    Day
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right font-medium">
                    Net sales
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right font-medium">
                    Orders
                  </th>
                  <th scope="col" className="py-1 text-right font-medium">
                    Refunded
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
                        ? `${formatMoney(p.refundedAmount, series.currency)} (${count.format(p.refunds)})`
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
  return (
    <div className="flex flex-col gap-3">
      <nav aria-label="Period">
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
                  {r.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <form
        method="get"
        action="/"
        aria-label="Custom period"
        className="grid grid-cols-2 items-start gap-2 sm:flex sm:flex-wrap sm:items-start"
      >
        <input type="hidden" name="range" value="custom" />
        <Field id="period-from" label="From" error={period.errors.from}>
          <Input
            type="date"
            name="from"
            defaultValue={period.from || (custom ? '' : overview.from)}
            className="h-9"
          />
        </Field>
        <Field id="period-to" label="To" error={period.errors.to}>
          <Input
            type="date"
            name="to"
            defaultValue={period.to || (custom ? '' : overview.to)}
            className="h-9"
          />
        </Field>
        <Button type="submit" variant="secondary" size="sm" className="col-span-2 sm:mt-6">
          Show period
        </Button>
      </form>
    </div>
  );
}

/** Sales over a period: volume, refunds, orders, conversion, what became of checkouts, charts. */
export function SalesOverview({ overview, period }: { overview: Overview; period: SalesPeriod }) {
  const [main, ...others] = overview.series;
  const { conversion, sessions } = overview;
  return (
    <Card>
      <CardHeader className="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0">
          <CardTitle>Sales</CardTitle>
          <p className="mt-1 text-sm text-muted">
            {dayLabel(overview.from)} – {dayLabel(overview.to)} · {count.format(overview.days)}{' '}
            {overview.days === 1 ? 'day' : 'days'} (UTC)
          </p>
        </div>
        <PeriodPicker overview={overview} period={period} />
      </CardHeader>
      <CardContent>
        {main ? (
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
            <Figure
              label="Net volume"
              value={formatMoney(main.net, main.currency)}
              hint="after refunds"
            />
            <Figure label="Gross volume" value={formatMoney(main.gross, main.currency)} />
            <Figure
              label="Refunds"
              value={formatMoney(main.refundedInRange, main.currency)}
              hint={`${count.format(main.refundCount)} in this period`}
            />
            <Figure
              label="Paid orders"
              value={count.format(main.orders)}
              hint={`average ${formatMoney(main.averageOrder, main.currency)}`}
            />
            <Figure
              label="Checkout conversion"
              value={percent(conversion.rate)}
              hint={`${count.format(conversion.paid)} of ${count.format(conversion.started)} ${conversion.started === 1 ? 'order' : 'orders'} paid`}
            />
          </dl>
        ) : (
          <EmptyState title="No sales in this period">
            Paid orders appear here by the day they were paid.
          </EmptyState>
        )}
        <section aria-labelledby="checkout-sessions" className="mt-6">
          <h3 id="checkout-sessions" className="text-sm font-medium">
            Checkout sessions opened in this period
          </h3>
          <dl className="mt-2 grid grid-cols-2 gap-4 sm:grid-cols-4">
            <Figure label="Opened" value={count.format(sessions.opened)} />
            <Figure
              label="Paid"
              value={count.format(sessions.paid)}
              hint={`${percent(sessions.rate)} of opened`}
            />
            <Figure label="Expired or abandoned" value={count.format(sessions.expired)} />
            <Figure
              label="Open or replaced"
              value={count.format(sessions.other)}
              hint="not finished yet, canceled or retried"
            />
          </dl>
        </section>
        {main ? <SalesFigures series={main} from={overview.from} to={overview.to} /> : null}
        {others.length > 0 ? (
          <p className="mt-4 text-sm text-muted">
            Also in this period:{' '}
            {others
              .map(
                (s) =>
                  `${formatMoney(s.net, s.currency)} net from ${s.orders} order${s.orders === 1 ? '' : 's'}`,
              )
              .join(' · ')}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
