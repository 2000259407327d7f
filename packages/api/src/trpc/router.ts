import { router } from './init';
import { catalogRouter } from './routers/catalog';
import { ordersRouter } from './routers/orders';
import { settingsRouter } from './routers/settings';

/** The dashboard's API. Every procedure below `tenantProcedure` is scoped to one tenant. */
export const appRouter = router({
  catalog: catalogRouter,
  orders: ordersRouter,
  settings: settingsRouter,
});

export type AppRouter = typeof appRouter;
