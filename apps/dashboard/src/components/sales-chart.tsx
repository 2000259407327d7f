'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatMoney } from './money';

export interface SalesPoint {
  day: string;
  net: number;
  orders: number;
}

const dayLabel = (day: string) =>
  new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );

/** Net sales per UTC day as bars (recharts); the accent colour comes from the theme variable. */
export function SalesChart({ points, currency }: { points: SalesPoint[]; currency: string }) {
  return (
    <div className="h-48 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        {/* hidden from assistive technology: the figure carries the same data as a table */}
        <BarChart
          data={points}
          margin={{ top: 8, right: 0, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} stroke="var(--color-border)" />
          <XAxis
            dataKey="day"
            tickFormatter={dayLabel}
            tickLine={false}
            axisLine={false}
            minTickGap={24}
            tick={{ fill: 'var(--color-muted)', fontSize: 12 }}
          />
          <YAxis
            tickFormatter={(v: number) => formatMoney(v, currency)}
            tickLine={false}
            axisLine={false}
            width={72}
            tick={{ fill: 'var(--color-muted)', fontSize: 12 }}
          />
          <Tooltip
            cursor={{ fill: 'var(--color-subtle)' }}
            labelFormatter={(day) => dayLabel(String(day))}
            formatter={(value, _name, item) => [
              `${formatMoney(Number(value), currency)} · ${(item.payload as SalesPoint).orders} order(s)`,
              'Net sales',
            ]}
          />
          <Bar
            dataKey="net"
            fill="var(--color-accent)"
            radius={[2, 2, 0, 0]}
            maxBarSize={28}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
