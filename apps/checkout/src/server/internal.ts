import 'server-only';
import { CHECKOUT_SECRET_HEADER, checkoutSecretMatches } from '@prood/checkout-host';
import { env } from '../env';

/** `x-checkout-secret` checked in constant time (the one comparison, in @prood/checkout-host). */
export function isInternalRequest(request: Request): boolean {
  return checkoutSecretMatches(
    env.CHECKOUT_API_SECRET,
    request.headers.get(CHECKOUT_SECRET_HEADER),
  );
}

export function errorResponse(status: number, code: string, message: string, details?: unknown) {
  return Response.json(
    { error: { code, message, ...(details === undefined ? {} : { details }) } },
    { status, headers: { 'cache-control': 'no-store' } },
  );
}

export const unauthorized = () =>
  errorResponse(401, 'unauthorized', 'This endpoint is for the commerce API only.');
