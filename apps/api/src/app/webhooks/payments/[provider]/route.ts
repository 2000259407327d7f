import { createLogger, createPaymentWebhookHandler } from '@prood/api';
import { getDatabase } from '@prood/db';
import { env } from '../../../../env';
import { getPaymentsRuntime } from '../../../../server/payments';

export const dynamic = 'force-dynamic';

let handle: ((request: Request) => Promise<Response>) | undefined;

/** Provider events forwarded by the checkout app: verified again, stored once, applied once. */
export async function POST(request: Request): Promise<Response> {
  const runtime = getPaymentsRuntime();
  handle ??= createPaymentWebhookHandler({
    db: getDatabase(),
    resolveProvider: runtime.resolveProvider,
    jobs: runtime.jobs,
    logger: createLogger({ level: env.LOG_LEVEL, name: 'api-webhooks' }),
    checkoutSecret: env.CHECKOUT_API_SECRET,
  });
  return handle(request);
}
