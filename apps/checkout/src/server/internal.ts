import 'server-only';
import { CHECKOUT_SECRET_HEADER, checkoutSecretMatches } from '@prood/checkout-host';
import { errorResponse } from '@prood/http';
import { env } from '../env';

/** `x-checkout-secret` checked in constant time (the one comparison, in @prood/checkout-host). */
export function isInternalRequest(request: Request): boolean {
  return checkoutSecretMatches(
    env.CHECKOUT_API_SECRET,
    request.headers.get(CHECKOUT_SECRET_HEADER),
  );
}

export const unauthorized = () =>
  errorResponse('unauthorized', 'This endpoint is for the commerce API only.');
