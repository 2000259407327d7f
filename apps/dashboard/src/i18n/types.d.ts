import type { DashboardLocale } from './locales';
import type { Messages } from './messages';

declare module 'next-intl' {
  interface AppConfig {
    Locale: DashboardLocale;
    Messages: Messages;
  }
}
