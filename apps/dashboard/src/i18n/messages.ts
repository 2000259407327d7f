/**
 * The dashboard's English messages, one file per area under messages/en (each area's pages own
 * their file, so two changes to different areas never touch the same file). Every text a
 * merchant reads comes from here; next-intl's AppConfig (src/i18n/types.d.ts) makes a key that
 * does not exist a type error.
 */

import auth from '../../messages/en/auth.json';
import catalog from '../../messages/en/catalog.json';
import checkoutSettings from '../../messages/en/checkoutSettings.json';
import common from '../../messages/en/common.json';
import coupons from '../../messages/en/coupons.json';
import developers from '../../messages/en/developers.json';
import events from '../../messages/en/events.json';
import integrations from '../../messages/en/integrations.json';
import links from '../../messages/en/links.json';
import orders from '../../messages/en/orders.json';
import outbox from '../../messages/en/outbox.json';
import overview from '../../messages/en/overview.json';
import products from '../../messages/en/products.json';
import settings from '../../messages/en/settings.json';
import taxRates from '../../messages/en/taxRates.json';
import team from '../../messages/en/team.json';
import webhooks from '../../messages/en/webhooks.json';

export const en = {
  common,
  auth,
  overview,
  settings,
  checkoutSettings,
  team,
  developers,
  outbox,
  integrations,
  links,
  catalog,
  products,
  coupons,
  taxRates,
  orders,
  webhooks,
  events,
};

export type Messages = typeof en;
