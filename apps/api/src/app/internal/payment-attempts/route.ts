import { ApiError, checkoutSecretMatches, recordProviderSessionStarted } from '@prood/api';
import { getDatabase } from '@prood/db';
import { env } from '../../../env';

export const dynamic = 'force-dynamic';

/**
 * Internal: the checkout app reports the provider session it opened for one of our sessions,
 * before it sends the shopper to pay. Stored on the order's payment attempt.
 */
export async function POST(request: Request): Promise<Response> {
  if (!checkoutSecretMatches(env.CHECKOUT_API_SECRET, request.headers.get('x-checkout-secret'))) {
    return answer(new ApiError('unauthorized', 'Internal endpoint.'));
  }
  try {
    await recordProviderSessionStarted(getDatabase(), await request.json().catch(() => null));
  } catch (error) {
    if (error instanceof ApiError) return answer(error);
    throw error;
  }
  return Response.json({ recorded: true }, { status: 200 });
}

const answer = (error: ApiError) => Response.json(error.toBody(), { status: error.status });
