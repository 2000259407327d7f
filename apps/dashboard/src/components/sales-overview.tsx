import type { AppRouter } from '@prood/api/trpc';
import { Card, CardContent, CardHeader, CardTitle, cn, EmptyState } from '@prood/ui';
import type { inferRouterOutputs } from '@trpc/server';
import Link from 'next/link';
import { formatMoney } from './money';
import { SalesChart } from './sales-chart';

type Overview = inferRouterOutputs<AppRouter>['analytics']['overview'];
type Series = Overview['series'][number];

export const SALES_RANGES = [
  { id: '7d', label: '7 days' },
  { id: '30d', label: '30 days' },
  { id: '90d', label: '90 days' },
] as const;
export type SalesRangeId = (typeof SALES_RANGES)[number]['id'];

export function parseSalesRange(value: string | undefined): SalesRangeId {
  return SALES_RANGES.some((r) => r.id === value) ? (value as SalesRangeId) : '30d';
}

const dayLabel = (day: string) =>
  new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="mt-1 truncate text-xl font-semibold tabular-nums">{value}</dd>
      {hint ? <dd className="text-xs text-muted">{hint}</dd> : null}
    </div>
  );
}

/**
 * The chart (recharts, hidden from assistive technology) with what it shows in words and as a
 * table for screen readers.
 */
function SalesFigure({ series, from, to }: { series: Series; from: string; to: string }) {
  const best = series.points.reduce<Series['points'][number] | undefined>(
    (a, b) => (!a || b.net > a.net ? b : a),
    undefined,
  );
  const summary = `Net sales per day from ${dayLabel(from)} to ${dayLabel(to)} (UTC days), ${series.currency}. ${
    best && best.net > 0
      ? `Highest: ${formatMoney(best.net, series.currency)} on ${dayLabel(best.day)}.`
      : 'No sales in this period.'
  }`;
  return (
    <figure className="mt-6">
      <figcaption className="sr-only">{summary}</figcaption>
      <SalesChart points={series.points} currency={series.currency} />
      <p className="mt-1 text-right text-xs text-muted">UTC days</p>
      <table className="sr-only">
        <caption>Net sales per day, {series.currency}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Net sales</th>
            <th scope="col">Orders</th>
          </tr>
        </thead>
        <tbody>
          {series.points
            .filter((p) => p.orders > 0)
            .map((p) => (
              <tr key={p.day}>
                <td>{dayLabel(p.day)}</td>
                <td>{formatMoney(p.net, series.currency)}</td>
                <td>{p.orders}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Sales at a glance on the overview: volume, refunds, orders, conversion, and a chart. */
export function SalesOverview({ overview }: { overview: Overview }) {
  const [main, ...others] = overview.series;
  const rate = overview.conversion.rate;
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-3">
        <CardTitle>Sales</CardTitle>
        <nav aria-label="Period">
          <ul className="flex gap-1 rounded-ui bg-subtle p-1 text-sm">
            {SALES_RANGES.map((r) => (
              <li key={r.id}>
                <Link
                  href={`/?range=${r.id}`}
                  aria-current={r.id === overview.range ? 'page' : undefined}
                  className={cn(
                    'block rounded-ui px-3 py-1 text-muted hover:text-fg',
                    r.id === overview.range && 'bg-surface font-medium text-fg shadow-sm',
                  )}
                >
                  {r.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </CardHeader>
      <CardContent>
        {main ? (
          <>
            <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
              <Figure
                label="Net volume"
                value={formatMoney(main.net, main.currency)}
                hint="after refunds"
              />
              <Figure label="Gross volume" value={formatMoney(main.gross, main.currency)} />
              <Figure label="Refunded" value={formatMoney(main.refunded, main.currency)} />
              <Figure
                label="Paid orders"
                value={String(main.orders)}
                hint={`average ${formatMoney(main.averageOrder, main.currency)}`}
              />
              <Figure
                label="Checkout conversion"
                value={rate === null ? '—' : `${(rate * 100).toFixed(rate === 1 ? 0 : 1)} %`}
                hint={`${overview.conversion.paid} of ${overview.conversion.started} checkouts paid`}
              />
            </dl>
            <SalesFigure series={main} from={overview.from} to={overview.to} />
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
          </>
        ) : (
          <EmptyState title="No sales in this period">
            Paid orders appear here by the day they were paid.
            {rate === null
              ? null
              : ` ${overview.conversion.started} checkout${overview.conversion.started === 1 ? ' was' : 's were'} started.`}
          </EmptyState>
        )}
      </CardContent>
    </Card>
  );
}
