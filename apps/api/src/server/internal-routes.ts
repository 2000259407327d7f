import {
  ApiError,
  checkoutSecretMatches,
  createLogger,
  createPaymentWebhookHandler,
  enqueueCheckoutAbandoned,
  getCheckoutOrderView,
  recordProviderSessionStarted,
} from '@prood/api';
import { getDatabase } from '@prood/db';
import { z } from 'zod';
import { env } from '../env';
import { getPaymentsRuntime } from './payments';

// The machine-facing routes besides /v1 and /internal/checkout: served by the plain Node server
// (src/main.ts) and, with the same code, by the Next.js route files.

const answer = (error: ApiError) => Response.json(error.toBody(), { status: error.status });
const unauthorized = () => answer(new ApiError('unauthorized', 'Internal endpoint.'));
const fromChecker = (request: Request) =>
  checkoutSecretMatches(env.CHECKOUT_API_SECRET, request.headers.get('x-checkout-secret'));

let webhooks: ((request: Request) => Promise<Response>) | undefined;

/** `POST /webhooks/payments/{provider}`: forwarded provider events, verified again, stored once. */
export function handlePaymentWebhook(request: Request): Promise<Response> {
  webhooks ??= createPaymentWebhookHandler({
    db: getDatabase(),
    resolveProvider: getPaymentsRuntime().resolveProvider,
    jobs: getPaymentsRuntime().jobs,
    logger: createLogger({ level: env.LOG_LEVEL, name: 'api-webhooks' }),
    checkoutSecret: env.CHECKOUT_API_SECRET,
  });
  return webhooks(request);
}

const abandonedBody = z.object({
  tenantId: z.string().min(1),
  sessionId: z.string().min(1),
  orderId: z.string().min(1),
});

/**
 * `POST /internal/checkout-abandoned`: the checkout app's expiry sweep reports a session that
 * ended unpaid. Queued, so the abandonment is handled once even if the sweep reports it again.
 */
export async function handleCheckoutAbandoned(request: Request): Promise<Response> {
  if (!fromChecker(request)) {
    return Response.json(
      { error: { code: 'unauthorized', message: 'Internal endpoint.' } },
      { status: 401 },
    );
  }
  const parsed = abandonedBody.safeParse(await request.json().catch(() => null));
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

/**
 * `GET /internal/orders/{orderId}?org=`: what the checkout app shows and charges for an order:
 * lines, mode, merchant and whether it is paid. The API owns orders; another tenant's is 404.
 */
export async function handleCheckoutOrderView(
  request: Request,
  orderId: string,
): Promise<Response> {
  if (!fromChecker(request)) return unauthorized();
  const tenantId = new URL(request.url).searchParams.get('org') ?? '';
  try {
    const view = await getCheckoutOrderView(getDatabase(), { tenantId, orderId });
    return Response.json(view, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    if (error instanceof ApiError) return answer(error);
    throw error;
  }
}

/**
 * `POST /internal/payment-attempts`: the checkout app reports the provider session it opened
 * for one of our sessions, before it sends the shopper to pay. Stored on the payment attempt.
 */
export async function handlePaymentAttemptStarted(request: Request): Promise<Response> {
  if (!fromChecker(request)) return unauthorized();
  try {
    await recordProviderSessionStarted(getDatabase(), await request.json().catch(() => null));
  } catch (error) {
    if (error instanceof ApiError) return answer(error);
    throw error;
  }
  return Response.json({ recorded: true }, { status: 200 });
}
