import 'server-only';
import { resolveUpstashCredentials } from '@prood/checkout-host';
import {
  clientIp,
  createRateLimiter,
  type RateLimiter,
  rateLimitHeaders,
} from '@prood/http/rate-limit';

let limiter: RateLimiter | undefined;

function getRateLimiter(): RateLimiter {
  limiter ??= createRateLimiter({ upstash: resolveUpstashCredentials(), prefix: 'prood:checkout' });
  return limiter;
}

export type ShopperAction = 'pay' | 'coupon';

export type ShopperActionLimit =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; headers: Record<string, string> };

/**
 * Counts one shopper action on a checkout session (10 pay and 10 coupon attempts a minute per
 * session, `RATE_LIMIT_POLICIES`). Server actions call it first and, when refused, show the
 * shopper "try again in N seconds" instead of doing the work.
 *
 * @example
 * const limit = await limitShopperAction(sessionId, 'coupon');
 * if (!limit.allowed) return { error: 'too_many_attempts', retryAfter: limit.retryAfterSeconds };
 */
export async function limitShopperAction(
  sessionId: string,
  action: ShopperAction,
): Promise<ShopperActionLimit> {
  const decision = await getRateLimiter().hit(
    action === 'pay' ? 'shopperPay' : 'shopperCoupon',
    sessionId,
  );
  if (decision.allowed) return { allowed: true };
  const headers = rateLimitHeaders(decision);
  return { allowed: false, retryAfterSeconds: Number(headers['Retry-After']), headers };
}

/**
 * Counts one order started through a product payment link by this client's IP (5 a minute per
 * link, `paymentLinkStart`): the order is created only by the landing page's POST, and a bot
 * posting it in a loop gets "try again in N seconds" instead of unbounded orders.
 */
export async function limitPaymentLinkStart(
  linkId: string,
  headers: Headers,
): Promise<ShopperActionLimit> {
  const decision = await getRateLimiter().hit('paymentLinkStart', `${linkId}:${clientIp(headers)}`);
  if (decision.allowed) return { allowed: true };
  const answer = rateLimitHeaders(decision);
  return { allowed: false, retryAfterSeconds: Number(answer['Retry-After']), headers: answer };
}
