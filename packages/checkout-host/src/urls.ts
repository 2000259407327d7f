import { hostEnv } from './env';
import { checkoutIdSchema, parseInput } from './inputs';

/** Path prefix of the shopper's page: `/c/{id}`. */
export const CHECKOUT_SESSION_PATH = '/c';

/**
 * The public base URL of the checkout app (`CHECKOUT_URL`, default `http://localhost:3004`),
 * without a trailing slash.
 *
 * @example
 * resolveCheckoutBaseUrl() // 'http://localhost:3004'
 */
export function resolveCheckoutBaseUrl(): string {
  return hostEnv.CHECKOUT_URL.replace(/\/+$/, '');
}

/**
 * The shopper's URL of a checkout session or payment link.
 *
 * @example
 * buildCheckoutSessionUrl('cs_3fK9…') // 'http://localhost:3004/c/cs_3fK9…'
 */
export function buildCheckoutSessionUrl(id: string): string {
  const valid = parseInput('buildCheckoutSessionUrl', checkoutIdSchema, id, 'id');
  return `${resolveCheckoutBaseUrl()}${CHECKOUT_SESSION_PATH}/${valid}`;
}
