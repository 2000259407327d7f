import { router } from './init';
import { accountRouter } from './routers/account';
import { analyticsRouter } from './routers/analytics';
import { catalogRouter } from './routers/catalog';
import { checkoutSettingsRouter } from './routers/checkout-settings';
import { membersRouter } from './routers/members';
import { ordersRouter } from './routers/orders';
import { paymentLinksRouter } from './routers/payment-links';
import { providerEventsRouter } from './routers/provider-events';
import { settingsRouter } from './routers/settings';
import { webhooksRouter } from './routers/webhooks';

/** The dashboard's API. Every procedure below `tenantProcedure` is scoped to one tenant. */
export const appRouter = router({
  account: accountRouter,
  analytics: analyticsRouter,
  catalog: catalogRouter,
  checkoutSettings: checkoutSettingsRouter,
  members: membersRouter,
  orders: ordersRouter,
  paymentLinks: paymentLinksRouter,
  providerEvents: providerEventsRouter,
  settings: settingsRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;
