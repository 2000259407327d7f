import { checkoutConversion, checkoutFunnel, refundsByDay, salesByDay } from '@prood/db';
import { z } from 'zod';
import { router, tenantProcedure } from '../init';

export const ANALYTICS_RANGES = { '7d': 7, '30d': 30, '90d': 90 } as const;
export type AnalyticsRange = keyof typeof ANALYTICS_RANGES;

/** The longest custom range, in days (both ends included). */
export const MAX_RANGE_DAYS = 366;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC days from `first` to `last`, both included, oldest first, as `YYYY-MM-DD`. */
function daysBetween(first: string, last: string): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  const count = Math.round((Date.parse(`${last}T00:00:00Z`) - start) / DAY_MS) + 1;
  return Array.from({ length: count }, (_, i) =>
    new Date(start + i * DAY_MS).toISOString().slice(0, 10),
  );
}

const todayUtc = (now: Date) => now.toISOString().slice(0, 10);

/** A calendar day `YYYY-MM-DD` that exists (2026-02-30 does not). */
const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-30')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'is not a calendar date');

/** Either a preset ending today, or custom `from`–`to` UTC days (both included). */
export const analyticsRangeSchema = z
  .object({
    range: z.enum(['7d', '30d', '90d', 'custom']).default('30d'),
    from: daySchema.optional(),
    to: daySchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.range !== 'custom') return;
    if (!input.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'is required' });
    if (!input.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'is required' });
    if (!input.from || !input.to) return;
    if (input.to < input.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be on or after the start' });
      return;
    }
    if (daysBetween(input.from, input.to).length > MAX_RANGE_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must be at most ${MAX_RANGE_DAYS} days after the start`,
      });
    }
  });

export type AnalyticsRangeInput = z.input<typeof analyticsRangeSchema>;

/** The days a range covers: a preset ends today (UTC); a custom one is what was asked. */
export function resolveRangeDays(
  input: z.output<typeof analyticsRangeSchema>,
  now: Date,
): string[] {
  if (input.range === 'custom' && input.from && input.to) return daysBetween(input.from, input.to);
  const count = ANALYTICS_RANGES[input.range === 'custom' ? '30d' : input.range];
  const last = todayUtc(now);
  const first = new Date(Date.parse(`${last}T00:00:00Z`) - (count - 1) * DAY_MS)
    .toISOString()
    .slice(0, 10);
  return daysBetween(first, last);
}

export const analyticsRouter = router({
  /**
   * Sales over a preset (7, 30, 90 UTC days ending today) or a custom range of UTC days: per
   * currency, a value for every day (zero included, so a chart has no holes) — net and gross
   * volume, paid orders, refunds by the day they happened — with totals, checkout conversion
   * per order, and what became of the checkout sessions opened. All sums in SQL.
   */
  overview: tenantProcedure.input(analyticsRangeSchema).query(async ({ ctx, input }) => {
    const days = resolveRangeDays(input, new Date());
    const from = new Date(`${days[0]}T00:00:00Z`);
    const to = new Date(Date.parse(`${days.at(-1)}T00:00:00Z`) + DAY_MS);
    const scope = { tenantId: ctx.tenantId, from, to };
    const [sales, refunds, conversion, sessions] = await Promise.all([
      salesByDay(ctx.db, scope),
      refundsByDay(ctx.db, scope),
      checkoutConversion(ctx.db, scope),
      checkoutFunnel(ctx.db, scope),
    ]);
    const currencies = [...new Set([...sales, ...refunds].map((s) => s.currency))];
    const series = currencies
      .map((currency) => {
        const salesOf = new Map(
          sales.filter((s) => s.currency === currency).map((s) => [s.day, s]),
        );
        const refundsOf = new Map(
          refunds.filter((r) => r.currency === currency).map((r) => [r.day, r]),
        );
        const points = days.map((day) => {
          const s = salesOf.get(day);
          const r = refundsOf.get(day);
          return {
            day,
            net: s ? s.gross - s.refunded : 0,
            gross: s?.gross ?? 0,
            orders: s?.orders ?? 0,
            refundedAmount: r?.amount ?? 0,
            refunds: r?.refunds ?? 0,
          };
        });
        const sum = (pick: (p: (typeof points)[number]) => number) =>
          points.reduce((total, p) => total + pick(p), 0);
        const gross = sum((p) => p.gross);
        const net = sum((p) => p.net);
        const orders = sum((p) => p.orders);
        return {
          currency,
          points,
          gross,
          net,
          /** Refunded so far of the orders paid in the range. */
          refunded: gross - net,
          /** Money that went back during the range, whenever its order was paid. */
          refundedInRange: sum((p) => p.refundedAmount),
          refundCount: sum((p) => p.refunds),
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
      days: days.length,
      series,
      conversion: {
        ...conversion,
        rate: conversion.started ? conversion.paid / conversion.started : null,
      },
      sessions: {
        ...sessions,
        rate: sessions.opened ? sessions.paid / sessions.opened : null,
      },
    };
  }),
});
