import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The one comparison of the shared secret between checkout app and API: compares the presented
 * `x-checkout-secret` with the expected one in constant time. Both are
 * hashed first so neither their content nor their length leaks through timing.
 *
 * @example
 * checkoutSecretMatches(env.CHECKOUT_API_SECRET, request.headers.get('x-checkout-secret')) // true | false
 */
export function checkoutSecretMatches(expected: string, presented: string | null): boolean {
  if (!expected || presented === null) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}
