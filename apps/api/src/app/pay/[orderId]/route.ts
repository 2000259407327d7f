import { ApiError, createLogger, resumeCheckoutFromRecovery } from '@prood/api';
import { getDatabase } from '@prood/db';
import { env } from '../../../env';
import { checkoutAppClient, getPaymentsRuntime } from '../../../server/payments';

export const dynamic = 'force-dynamic';

/** The link in a payment-failed mail: starts a new checkout attempt and sends the shopper there. */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ orderId: string }> },
): Promise<Response> {
  const { orderId } = await params;
  try {
    const url = await resumeCheckoutFromRecovery(
      {
        db: getDatabase(),
        requestId: crypto.randomUUID(),
        logger: createLogger({ level: env.LOG_LEVEL, name: 'api-recovery' }),
        checkoutApp: checkoutAppClient(),
        payments: getPaymentsRuntime(),
        config: { cartTtlMs: env.CART_TTL_MINUTES * 60_000 },
      },
      {
        orderId,
        token: new URL(request.url).searchParams.get('t'),
        secret: env.CHECKOUT_API_SECRET,
      },
    );
    return Response.redirect(url, 303);
  } catch (error) {
    if (error instanceof ApiError) {
      const message =
        error.code === 'order_already_paid'
          ? 'This order is already paid. Thank you!'
          : error.message;
      return new Response(
        `<!doctype html><meta charset="utf-8"><title>Payment</title><p>${message}</p>`,
        {
          status: error.status,
          headers: { 'content-type': 'text/html; charset=utf-8' },
        },
      );
    }
    throw error;
  }
}
