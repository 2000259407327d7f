import type { Database } from '@prood/db';
import { errorResponse } from '@prood/http';
import type { RateLimiter } from '@prood/http/rate-limit';
import type { Keyring } from '@prood/provider-factory';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { Auth } from '../auth/auth';
import { withAuthRateLimits } from '../auth/auth-rate-limit';
import type { Logger } from '../logger';
import { exportOrdersCsv, ORDERS_EXPORT_PATH } from '../orders/export-route';
import type { PaymentRuntime } from '../payments/runtime';
import type { CheckoutAppClient } from '../services/checkout-app-client';
import { createTrpcContext } from './init';
import { appRouter } from './router';

/**
 * The dashboard's HTTP surface as one `Request → Response` function: better-auth under
 * `/api/auth/*`, tRPC under `/api/trpc/*` and the orders CSV download. The API app mounts it; tests serve it directly.
 */
export function createDashboardApiHandler(deps: {
  db: Database;
  auth: Auth;
  logger: Logger;
  keyring: Keyring;
  checkoutUrl: string;
  /** Sign-in and sign-up limits (`withAuthRateLimits`). */
  rateLimiter: RateLimiter;
  checkoutApp: CheckoutAppClient;
  /** Provider resolver and job queue for refunds (`PaymentRuntime`). */
  payments: PaymentRuntime;
  /** Provider id → API base URL override (`PAYMENT_PROVIDER_API_URLS`). */
  providerApiUrls?: Readonly<Partial<Record<string, string>>> | undefined;
}) {
  return async function handle(request: Request): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/api/auth/')) {
      return withAuthRateLimits(request, deps.rateLimiter, deps.auth.handler);
    }
    if (pathname.startsWith('/api/trpc')) {
      return fetchRequestHandler({
        endpoint: '/api/trpc',
        req: request,
        router: appRouter,
        createContext: () => createTrpcContext({ ...deps, headers: request.headers }),
        onError: ({ error, path }) => {
          if (error.code === 'INTERNAL_SERVER_ERROR')
            deps.logger.error({ err: error, path }, 'trpc error');
        },
      });
    }
    if (pathname === ORDERS_EXPORT_PATH) {
      return exportOrdersCsv(
        await createTrpcContext({ ...deps, headers: request.headers }),
        request,
      );
    }
    return errorResponse('not_found', 'No such route.');
  };
}
