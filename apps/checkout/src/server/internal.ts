import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { env } from '../env';

/** `x-checkout-secret` checked in constant time (hashing first equalises the lengths). */
export function isInternalRequest(request: Request): boolean {
  const given = request.headers.get('x-checkout-secret');
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(env.CHECKOUT_API_SECRET).digest();
  return timingSafeEqual(a, b);
}

export function errorResponse(status: number, code: string, message: string, details?: unknown) {
  return Response.json(
    { error: { code, message, ...(details === undefined ? {} : { details }) } },
    { status, headers: { 'cache-control': 'no-store' } },
  );
}

export const unauthorized = () =>
  errorResponse(401, 'unauthorized', 'This endpoint is for the commerce API only.');
