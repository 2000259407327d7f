export {
  type BuildPaymentProviderContext,
  buildPaymentProvider,
} from './build-payment-provider';
export * from './credentials';
export {
  assertRegisteredProvider,
  openIntegrationCredentials,
  parseProviderCredentials,
  type SealedIntegrationCredentials,
  type StoredIntegration,
  sealIntegrationCredentials,
} from './integration-credentials';
export { maskSecret } from './masking';
export {
  createProviderCache,
  DEFAULT_PROVIDER_CACHE_SIZE,
  type ProviderCache,
  type VersionedIntegration,
} from './provider-cache';
export {
  allProviderSignatureHeaders,
  connectableProviders,
  credentialsFromForm,
  defaultProviderOf,
  isRegisteredProvider,
  listProviderDefinitions,
  PAYMENT_PROVIDERS,
  PROVIDER_IDS,
  type ProviderConnectForm,
  type ProviderCredentials,
  type ProviderId,
  type ProviderRuntimeOptions,
  providerDefinition,
  providerForwardHeaders,
  providerWebhookUrl,
  type RegisteredProviderId,
} from './registry';
export type {
  CreateProviderArgs,
  CredentialField,
  ProviderCapability,
  ProviderDefinition,
  ProviderEnvironment,
  WebhookVerification,
} from './registry-types';
export * from './sandbox';
export { sandboxSecretFromDatabase } from './sandbox-secrets';
export {
  clampStripeExpiry,
  createStripeProvider,
  HANDLED_STRIPE_EVENT_TYPES,
  parseStripeWebhook,
  registerStripeWebhookEndpoint,
  STRIPE_API_VERSION,
  STRIPE_WEBHOOK_EVENTS,
  STRIPE_WEBHOOK_TOLERANCE_SECONDS,
  type StripeCredentials,
  type StripePaymentProvider,
  type StripeRuntimeOptions,
  stripeCredentialsMode,
  stripeCredentialsSchema,
} from './stripe';
export { createTenantProviderResolver, type TenantProviderResolver } from './tenant-resolver';
