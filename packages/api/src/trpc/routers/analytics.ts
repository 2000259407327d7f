import { checkoutConversion, salesByDay } from '@prood/db';
import { z } from 'zod';
import { router, tenantProcedure } from '../init';

export const ANALYTICS_RANGES = { '7d': 7, '30d': 30, '90d': 90 } as const;
export type AnalyticsRange = keyof typeof ANALYTICS_RANGES;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC days of a range ending today, oldest first, as `YYYY-MM-DD`. */
function daysEndingToday(count: number, now: Date): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: count }, (_, i) =>
    new Date(today - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
}

export const analyticsRouter = router({
  /**
   * Sales over the last 7, 30 or 90 UTC days: per currency, a value for every day (zero
   * included, so a chart has no holes), totals, and checkout conversion.
   */
  overview: tenantProcedure
    .input(z.object({ range: z.enum(['7d', '30d', '90d']).default('30d') }))
    .query(async ({ ctx, input }) => {
      const days = daysEndingToday(ANALYTICS_RANGES[input.range], new Date());
      const from = new Date(`${days[0]}T00:00:00Z`);
      const to = new Date(new Date(`${days.at(-1)}T00:00:00Z`).getTime() + DAY_MS);
      const scope = { tenantId: ctx.tenantId, from, to };
      const [sales, conversion] = await Promise.all([
        salesByDay(ctx.db, scope),
        checkoutConversion(ctx.db, scope),
      ]);
      const currencies = [...new Set(sales.map((s) => s.currency))];
      const series = currencies
        .map((currency) => {
          const byDay = new Map(
            sales.filter((s) => s.currency === currency).map((s) => [s.day, s]),
          );
          const points = days.map((day) => {
            const s = byDay.get(day);
            return {
              day,
              net: s ? s.gross - s.refunded : 0,
              gross: s?.gross ?? 0,
              orders: s?.orders ?? 0,
            };
          });
          const gross = points.reduce((sum, p) => sum + p.gross, 0);
          const net = points.reduce((sum, p) => sum + p.net, 0);
          const orders = points.reduce((sum, p) => sum + p.orders, 0);
          return {
            currency,
            points,
            gross,
            net,
            refunded: gross - net,
            orders,
            averageOrder: orders ? Math.round(gross / orders) : 0,
          };
        })
        // the busiest currency first: it is the one the page charts large
        .sort((a, b) => b.orders - a.orders || a.currency.localeCompare(b.currency));
      return {
        range: input.range,
        from: days[0] ?? '',
        to: days.at(-1) ?? '',
        series,
        conversion: {
          ...conversion,
          rate: conversion.started ? conversion.paid / conversion.started : null,
        },
      };
    }),
});
