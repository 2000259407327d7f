import { type PaymentProvider, ProviderError } from '@prood/checkout';
import type { Keyring } from './credentials';
import {
  assertRegisteredProvider,
  openIntegrationCredentials,
  type StoredIntegration,
} from './integration-credentials';
import {
  type ProviderRuntimeOptions,
  providerDefinition,
  providerWebhookUrl,
  type RegisteredProviderId,
} from './registry';

/**
 * What building a provider needs besides the row: the keyring, what every provider is told
 * (the checkout URL; API base URL overrides by provider id, e.g. from `PAYMENT_PROVIDER_API_URLS`)
 * and per-provider runtime options.
 */
export type BuildPaymentProviderContext = {
  /** `parseKeyring(CREDENTIALS_ENCRYPTION_KEYS)` */
  keyring: Keyring;
  /** Public base URL of the checkout app: provider webhooks and return pages live there. */
  checkoutBaseUrl?: string | undefined;
  /** Provider id → base URL of its API, when not the provider's own (tests, a regional host). */
  apiBaseUrls?: Readonly<Partial<Record<string, string>>> | undefined;
} & { [Id in RegisteredProviderId]?: ProviderRuntimeOptions<Id> | undefined };

/**
 * The one place a tenant's payment provider is looked up: opens the stored (encrypted)
 * integration and builds its provider. Throws `ProviderError`: `unknown_provider`,
 * `provider_disabled`, `invalid_credentials`, `mode_mismatch`.
 *
 * @example
 * const integration = await getIntegration(db, { tenantId, provider: 'sandbox' });
 * const provider = buildPaymentProvider(integration, {
 *   keyring, sandbox: { store: createDrizzleSandboxStore(db), checkoutBaseUrl: CHECKOUT_URL },
 * });
 */
export function buildPaymentProvider(
  integration: StoredIntegration & { enabled: boolean },
  context: BuildPaymentProviderContext,
): PaymentProvider {
  const provider = assertRegisteredProvider(integration.provider);
  // a disabled integration says so even when its stored credentials no longer open
  if (!integration.enabled) {
    throw new ProviderError(
      'provider_disabled',
      `the ${provider} integration is disabled for this tenant`,
      { provider },
    );
  }
  const { credentials, mode } = openIntegrationCredentials(context.keyring, integration);
  return providerDefinition(provider).create({
    tenantId: integration.tenantId,
    mode,
    credentials,
    runtime: context[provider],
    environment: {
      checkoutBaseUrl: context.checkoutBaseUrl,
      webhookUrl: context.checkoutBaseUrl
        ? providerWebhookUrl(context.checkoutBaseUrl, provider, integration.tenantId)
        : undefined,
      apiBaseUrl: context.apiBaseUrls?.[provider],
    },
  });
}
