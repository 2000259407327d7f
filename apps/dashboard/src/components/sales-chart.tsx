'use client';

import { cn } from '@prood/ui';
import { useLocale } from 'next-intl';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from './money';

export interface DailyPoint {
  day: string;
  [key: string]: number | string;
}

/** One bar per day and series; colours are theme variables. */
export interface DailyBar {
  key: string;
  label: string;
  color: string;
}

/** A calendar day (YYYY-MM-DD) as "Dec 6": the day itself, whatever zone the viewer is in. */
const dayLabel = (day: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );

/**
 * Values per UTC day as bars (recharts), money in `currency` or plain counts. Hidden from
 * assistive technology: the figure around it carries the same data as a table.
 */
export function DailyChart(props: {
  points: DailyPoint[];
  bars: DailyBar[];
  /** Money in this currency; counts when omitted. */
  currency?: string;
  height?: 'sm' | 'md';
}) {
  const { currency } = props;
  const locale = useLocale();
  const count = new Intl.NumberFormat(locale);
  const format = (v: number) => (currency ? formatMoney(v, currency) : count.format(v));
  return (
    // recharts measures its box after a resize: until then its old width must not widen the page
    <div
      className={cn(
        'w-full min-w-0 overflow-hidden [contain:inline-size]',
        props.height === 'sm' ? 'h-32' : 'h-48',
      )}
      aria-hidden="true"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={props.points}
          margin={{ top: 8, right: 0, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} stroke="var(--color-border)" />
          <XAxis
            dataKey="day"
            tickFormatter={(day: string) => dayLabel(day, locale)}
            tickLine={false}
            axisLine={false}
            minTickGap={24}
            tick={{ fill: 'var(--color-muted)', fontSize: 12 }}
          />
          <YAxis
            tickFormatter={format}
            allowDecimals={false}
            tickLine={false}
            axisLine={false}
            width={72}
            tick={{ fill: 'var(--color-muted)', fontSize: 12 }}
          />
          <Tooltip
            cursor={{ fill: 'var(--color-subtle)' }}
            labelFormatter={(day) => dayLabel(String(day), locale)}
            formatter={(value, name) => [
              format(Number(value)),
              props.bars.find((b) => b.key === name)?.label ?? String(name),
            ]}
          />
          {props.bars.map((bar) => (
            <Bar
              key={bar.key}
              dataKey={bar.key}
              fill={bar.color}
              radius={[2, 2, 0, 0]}
              maxBarSize={28}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
