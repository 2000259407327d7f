import { type PaymentProvider, ProviderError } from '@prood/checkout';
import { type Executor, getIntegration, type Integration } from '@prood/db';
import { type BuildPaymentProviderContext, buildPaymentProvider } from './build-payment-provider';
import { createProviderCache, type ProviderCache } from './provider-cache';

/**
 * `(tenantId, providerId, integration?) → provider`. A caller that already read the
 * integration row passes it, so nothing is read twice.
 */
export type TenantProviderResolver = (
  tenantId: string,
  providerId: string,
  integration?: Integration,
) => Promise<PaymentProvider>;

/**
 * `(tenantId, providerId) → provider` over the tenant's stored integration: what the checkout
 * app and the commerce API both need, built one way. A missing integration is
 * `provider_disabled`. Providers are built (credentials decrypted and validated) once per
 * integration version and kept in a bounded LRU; the row itself is read on every call, so a
 * change made by any instance is seen on the next request.
 *
 * @example
 * const resolveProvider = createTenantProviderResolver(db, { keyring, sandbox });
 * const provider = await resolveProvider('org_…', 'sandbox');
 */
export function createTenantProviderResolver(
  db: Executor,
  context: BuildPaymentProviderContext,
  options: { cache?: ProviderCache } = {},
): TenantProviderResolver {
  const cache = options.cache ?? createProviderCache();
  return async (tenantId, providerId, known) => {
    // a row read for another tenant or provider is never trusted for this one
    const usable =
      known && known.tenantId === tenantId && known.provider === providerId ? known : undefined;
    const integration = usable ?? (await getIntegration(db, { tenantId, provider: providerId }));
    if (!integration) {
      throw new ProviderError('provider_disabled', `no ${providerId} integration is connected`, {
        provider: providerId,
      });
    }
    // a disabled one throws here each time, and is never cached
    if (!integration.enabled) return buildPaymentProvider(integration, context);
    return (
      cache.get(integration) ?? cache.set(integration, buildPaymentProvider(integration, context))
    );
  };
}
