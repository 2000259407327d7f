import { checkoutSecretMatches, enqueueCheckoutAbandoned } from '@prood/api';
import { getDatabase } from '@prood/db';
import { z } from 'zod';
import { env } from '../../../env';
import { getPaymentsRuntime } from '../../../server/payments';

export const dynamic = 'force-dynamic';

const body = z.object({
  tenantId: z.string().min(1),
  sessionId: z.string().min(1),
  orderId: z.string().min(1),
});

/**
 * Internal: the checkout app's expiry sweep reports a session that ended unpaid. Queued, so
 * the abandonment is handled once even if the sweep reports it again.
 */
export async function POST(request: Request): Promise<Response> {
  if (!checkoutSecretMatches(env.CHECKOUT_API_SECRET, request.headers.get('x-checkout-secret'))) {
    return Response.json(
      { error: { code: 'unauthorized', message: 'Internal endpoint.' } },
      { status: 401 },
    );
  }
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) {
    return Response.json(
      {
        error: { code: 'validation_error', message: 'Invalid body.', details: parsed.error.issues },
      },
      { status: 400 },
    );
  }
  await enqueueCheckoutAbandoned(getDatabase(), getPaymentsRuntime().jobs, parsed.data);
  return Response.json({ received: true }, { status: 202 });
}
