import { createLogger } from '@prood/api';
import { createInternalCheckoutApi, type InternalCheckoutApi } from '@prood/api/rest';
import { getDatabase } from '@prood/db';
import { env } from '../env';
import { checkoutAppClient, getPaymentsRuntime } from './payments';

let api: InternalCheckoutApi | undefined;

/** The checkout app's internal API (`/internal/checkout/…`), built once per server process. */
export function getInternalCheckoutApi(): InternalCheckoutApi {
  api ??= createInternalCheckoutApi({
    db: getDatabase(),
    logger: createLogger({ level: env.LOG_LEVEL, name: 'api-internal' }),
    checkoutSecret: env.CHECKOUT_API_SECRET,
    checkoutApp: checkoutAppClient(),
    payments: getPaymentsRuntime(),
    cartTtlMs: env.CART_TTL_MINUTES * 60_000,
  });
  return api;
}
