import { createHttpCheckoutAppClient, createLogger } from '@prood/api';
import { createRestApi, type RestApi, restEndpoints } from '@prood/api/rest';
import { getDatabase } from '@prood/db';
import { env } from '../env';
import { getPaymentsRuntime } from './payments';
import { getRateLimiter } from './rate-limit';

let api: RestApi | undefined;

/** The storefront REST API, built once per server process from this app's configuration. */
export function getRestApi(): RestApi {
  api ??= createRestApi(restEndpoints, {
    db: getDatabase(),
    logger: createLogger({ level: env.LOG_LEVEL, name: 'api' }),
    checkoutApp: createHttpCheckoutAppClient({
      baseUrl: env.CHECKOUT_URL,
      secret: env.CHECKOUT_API_SECRET,
    }),
    payments: getPaymentsRuntime(),
    cartTtlMs: env.CART_TTL_MINUTES * 60_000,
    checkoutUrl: env.CHECKOUT_URL,
    publicUrl: env.API_PUBLIC_URL,
    rateLimiter: getRateLimiter(),
  });
  return api;
}
