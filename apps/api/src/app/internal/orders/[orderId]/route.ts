import { ApiError, checkoutSecretMatches, getCheckoutOrderView } from '@prood/api';
import { getDatabase } from '@prood/db';
import { env } from '../../../../env';

export const dynamic = 'force-dynamic';

const answer = (error: ApiError) => Response.json(error.toBody(), { status: error.status });

/**
 * Internal: what the checkout app shows and charges for an order (`?org=` names the tenant):
 * lines, mode, merchant and whether it is paid. The API owns orders; another tenant's is 404.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ orderId: string }> },
): Promise<Response> {
  if (!checkoutSecretMatches(env.CHECKOUT_API_SECRET, request.headers.get('x-checkout-secret'))) {
    return answer(new ApiError('unauthorized', 'Internal endpoint.'));
  }
  const { orderId } = await params;
  const tenantId = new URL(request.url).searchParams.get('org') ?? '';
  try {
    const view = await getCheckoutOrderView(getDatabase(), { tenantId, orderId });
    return Response.json(view, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    if (error instanceof ApiError) return answer(error);
    throw error;
  }
}
