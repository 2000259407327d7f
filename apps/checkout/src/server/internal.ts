import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { errorResponse } from '@prood/http';
import { env } from '../env';

/** `x-checkout-secret` checked in constant time (hashing first equalises the lengths). */
export function isInternalRequest(request: Request): boolean {
  const given = request.headers.get('x-checkout-secret');
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(env.CHECKOUT_API_SECRET).digest();
  return timingSafeEqual(a, b);
}

export const unauthorized = () =>
  errorResponse('unauthorized', 'This endpoint is for the commerce API only.');
