/**
 * The languages the dashboard speaks. English only for now: a language is added by a
 * messages/<locale> folder with the same files and its entry here (the message test then checks
 * that every key exists in it).
 */
export const DASHBOARD_LOCALES = ['en'] as const;
export type DashboardLocale = (typeof DASHBOARD_LOCALES)[number];
export const DEFAULT_LOCALE: DashboardLocale = 'en';
