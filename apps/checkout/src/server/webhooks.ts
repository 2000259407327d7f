import 'server-only';
import { receiveProviderWebhook as receive } from '@prood/checkout-host';
import { env } from '../env';
import { resolveTenantProvider } from './context';
import { requestLogger } from './logger';

/**
 * `POST /api/webhooks/{provider}/{org}`: verified with the tenant's own secret, the session
 * moved, then forwarded to the commerce API (see `receiveProviderWebhook` in
 * `@prood/checkout-host`). The app's validated env decides where and with which secret.
 */
export async function receiveProviderWebhook(
  providerParam: string,
  orgId: string,
  request: Request,
): Promise<Response> {
  const log = requestLogger(request, orgId);
  const response = await receive(
    { provider: providerParam, orgId, request },
    {
      resolveProvider: resolveTenantProvider,
      forward: { commerceApiUrl: env.COMMERCE_API_URL, secret: env.CHECKOUT_API_SECRET },
    },
  );
  const entry = { provider: providerParam, status: response.status };
  if (response.status >= 500) log.warn(entry, 'provider webhook not recorded yet');
  else log.info(entry, 'provider webhook');
  return response;
}
