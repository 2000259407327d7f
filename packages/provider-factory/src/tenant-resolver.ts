import { type PaymentProvider, ProviderError } from '@prood/checkout';
import { type Executor, getIntegration } from '@prood/db';
import { type BuildPaymentProviderContext, buildPaymentProvider } from './build-payment-provider';

/**
 * `(tenantId, providerId) → provider` over the tenant's stored integration: what the checkout
 * app and the commerce API both need, built one way. A missing integration is
 * `provider_disabled`.
 *
 * @example
 * const resolveProvider = createTenantProviderResolver(db, { keyring, sandbox });
 * const provider = await resolveProvider('org_…', 'sandbox');
 */
export function createTenantProviderResolver(
  db: Executor,
  context: BuildPaymentProviderContext,
): (tenantId: string, providerId: string) => Promise<PaymentProvider> {
  return async (tenantId, providerId) => {
    const integration = await getIntegration(db, { tenantId, provider: providerId });
    if (!integration) {
      throw new ProviderError('provider_disabled', `no ${providerId} integration is connected`, {
        provider: providerId,
      });
    }
    return buildPaymentProvider(integration, context);
  };
}
