import { DASHBOARD_ORDER_VIEWS, type DashboardOrderFilters } from '@prood/db';
import { PROVIDER_IDS } from '@prood/provider-factory';
import { z } from 'zod';

/** An IANA zone name the runtime knows (browsers report legacy names too, e.g. Asia/Calcutta). */
function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A calendar day `YYYY-MM-DD` that exists (no February 30th). */
const day = z.string().refine((text) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(text);
}, 'Use a date of the calendar, like 2026-12-06.');

/**
 * The order list's filters as the dashboard's URL (and the CSV export's query) carry them:
 * tab, search, provider and a range of calendar days read in the viewer's time zone.
 */
export const orderFiltersSchema = z
  .object({
    view: z.enum(DASHBOARD_ORDER_VIEWS).default('all'),
    search: z.string().trim().max(200).optional(),
    provider: z.enum(PROVIDER_IDS).optional(),
    createdFrom: day.optional(),
    createdTo: day.optional(),
    timeZone: z.string().max(64).refine(isTimeZone, 'Not a time zone.').optional(),
  })
  .refine((f) => !f.createdFrom || !f.createdTo || f.createdFrom <= f.createdTo, {
    message: 'The first day comes before the last.',
    path: ['createdTo'],
  });

export type OrderFiltersInput = z.input<typeof orderFiltersSchema>;

/** The parsed filters as the queries take them (unset parts left out). */
export function toDashboardFilters(
  input: z.output<typeof orderFiltersSchema>,
): DashboardOrderFilters {
  return {
    view: input.view,
    ...(input.search ? { search: input.search } : {}),
    ...(input.provider ? { provider: input.provider } : {}),
    ...(input.createdFrom ? { createdFrom: input.createdFrom } : {}),
    ...(input.createdTo ? { createdTo: input.createdTo } : {}),
    ...(input.timeZone ? { timeZone: input.timeZone } : {}),
  };
}
