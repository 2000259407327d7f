import { ProviderError } from '@prood/checkout';
import type { z } from 'zod';
import { mollieProviderDefinition } from './mollie';
import type {
  CheckoutUiMetadata,
  CredentialField,
  ProviderDefinition,
  ProviderEnvironment,
  WebhookEndpointRegistration,
} from './registry-types';
import { sandboxProviderDefinition } from './sandbox';
import { stripeProviderDefinition } from './stripe';

/** Every payment integration. Adding one = its folder + one line here. */
export const PAYMENT_PROVIDERS = {
  sandbox: sandboxProviderDefinition,
  stripe: stripeProviderDefinition,
  mollie: mollieProviderDefinition,
} as const;

/** The id of a registered provider: a union, so a `switch` over it is checked for every case. */
export type ProviderId = keyof typeof PAYMENT_PROVIDERS;
/** @deprecated the same as `ProviderId` */
export type RegisteredProviderId = ProviderId;
export const PROVIDER_IDS = Object.keys(PAYMENT_PROVIDERS) as [ProviderId, ...ProviderId[]];

type Definition<Id extends ProviderId> = (typeof PAYMENT_PROVIDERS)[Id];
export type ProviderCredentials<Id extends ProviderId> = z.infer<
  Definition<Id>['credentialsSchema']
>;
export type ProviderRuntimeOptions<Id extends ProviderId> = NonNullable<
  Parameters<Definition<Id>['create']>[0]['runtime']
>;

/** Any registered definition, with its types erased for look-ups by a runtime string. */
export type AnyProviderDefinition = ProviderDefinition<ProviderId, unknown, unknown>;

export function isRegisteredProvider(id: string): id is ProviderId {
  return Object.hasOwn(PAYMENT_PROVIDERS, id);
}

/** The definition for a registered id, seen through the type-erased interface. */
export function providerDefinition(id: ProviderId): AnyProviderDefinition {
  // each entry satisfies ProviderDefinition for its own types; erasing them here is sound
  return PAYMENT_PROVIDERS[id] as unknown as AnyProviderDefinition;
}

/** Every registered definition, type-erased, in registry order. */
export function listProviderDefinitions(): AnyProviderDefinition[] {
  return PROVIDER_IDS.map(providerDefinition);
}

/**
 * The headers a provider's webhook carries that the checkout app forwards to the API (its
 * signature headers; none for fetch-back providers). `undefined` for an unknown provider.
 */
export function providerForwardHeaders(id: string): readonly string[] | undefined {
  return isRegisteredProvider(id) ? providerDefinition(id).webhook.forwardHeaders : undefined;
}

/**
 * How the checkout page takes a payment with a provider and what its browser part may load
 * (its registry entry's `checkoutUi`). `undefined` for an unknown provider.
 *
 * @example
 * providerCheckoutUi('stripe')?.payment // 'embedded-element'
 */
export function providerCheckoutUi(id: string): CheckoutUiMetadata | undefined {
  return isRegisteredProvider(id) ? providerDefinition(id).checkoutUi : undefined;
}

/**
 * Where a provider posts a tenant's webhooks: the checkout app's receiver.
 *
 * @example
 * providerWebhookUrl('http://localhost:3004', 'stripe', 'org_…') // 'http://localhost:3004/api/webhooks/stripe/org_…'
 */
export function providerWebhookUrl(checkoutBaseUrl: string, provider: string, tenantId: string) {
  const base = checkoutBaseUrl.replace(/\/+$/, '');
  return `${base}/api/webhooks/${encodeURIComponent(provider)}/${encodeURIComponent(tenantId)}`;
}

/** Every header any provider signs with, e.g. for a logger's redaction list. */
export function allProviderSignatureHeaders(): string[] {
  return [...new Set(listProviderDefinitions().flatMap((d) => d.webhook.forwardHeaders))];
}

/**
 * The provider a tenant pays with when nothing names one: of its enabled integrations, the
 * registered one with the highest `preference` (Stripe over the sandbox).
 *
 * @example
 * defaultProviderOf(await listIntegrations(db, { tenantId })) // 'stripe' | 'sandbox' | null
 */
export function defaultProviderOf(
  integrations: readonly { provider: string; enabled: boolean }[],
): ProviderId | null {
  let best: AnyProviderDefinition | null = null;
  for (const integration of integrations) {
    if (!integration.enabled || !isRegisteredProvider(integration.provider)) continue;
    const definition = providerDefinition(integration.provider);
    if (!best || definition.preference > best.preference) best = definition;
  }
  return best?.id ?? null;
}

/** What a dashboard needs to render a connect form: no secrets, no functions. */
export interface ProviderConnectForm {
  id: ProviderId;
  label: string;
  verification: 'signature' | 'fetch-back';
  /**
   * Set when the platform can register the webhook endpoint: `secretField` may then stay
   * empty, and `endpointIdField` of the masked credentials names the endpoint it registered.
   */
  webhookEndpoint: { secretField: string; endpointIdField: string } | null;
  /** The fields a merchant types (managed ones are left out). */
  fields: (CredentialField & { name: string })[];
}

/** A provider's webhook endpoint capability with its types erased, for look-ups by id. */
export type AnyWebhookEndpointRegistration = WebhookEndpointRegistration<
  Record<string, unknown>,
  Record<string, unknown>
>;

/** The provider's webhook endpoint registration, or `null` when it offers none. */
export function providerWebhookEndpoints(id: ProviderId): AnyWebhookEndpointRegistration | null {
  return (providerDefinition(id).webhookEndpoints ?? null) as AnyWebhookEndpointRegistration | null;
}

/**
 * The connect forms of the providers a merchant connects themselves, built from each
 * registry entry's credential fields. A new provider appears here with no dashboard code.
 *
 * @example
 * connectableProviders() // [{ id: 'stripe', label: 'Stripe', fields: [{ name: 'secretKey', secret: true, … }] }]
 */
export function connectableProviders(): ProviderConnectForm[] {
  return listProviderDefinitions()
    .filter((d) => d.connectable)
    .map((d) => ({
      id: d.id,
      label: d.label,
      verification: d.webhook.strategy,
      webhookEndpoint: d.webhookEndpoints
        ? {
            secretField: d.webhookEndpoints.secretField,
            endpointIdField: d.webhookEndpoints.endpointIdField,
          }
        : null,
      fields: Object.entries(d.credentialFields as Record<string, CredentialField>)
        .filter(([, field]) => !field.managed)
        .map(([name, field]) => ({ name, ...field })),
    }));
}

/**
 * Checks credentials with the provider before they are saved, where the provider offers that
 * (Stripe does; the sandbox has nothing to ask). Resolves when they work or cannot be checked.
 *
 * @example
 * await verifyProviderCredentials('stripe', { secretKey, publishableKey, webhookSecret }, { apiBaseUrl });
 */
export async function verifyProviderCredentials(
  id: ProviderId,
  credentials: unknown,
  environment: ProviderEnvironment = {},
): Promise<void> {
  const definition = providerDefinition(id);
  if (!definition.verifyCredentials) return;
  await definition.verifyCredentials(definition.credentialsSchema.parse(credentials), environment);
}

/**
 * A connect form's values as credentials for `sealIntegrationCredentials`: only the provider's
 * own fields, trimmed, with empty optional fields left out. Validation is the schema's job.
 */
export function credentialsFromForm(
  id: ProviderId,
  values: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const fields = providerDefinition(id).credentialFields as Record<string, CredentialField>;
  const credentials: Record<string, string> = {};
  for (const [name, field] of Object.entries(fields)) {
    // set by the platform only: a form cannot name an endpoint for us to delete later
    if (field.managed) continue;
    const raw = values[name];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value === '' && field.optional) continue;
    credentials[name] = value;
  }
  return credentials;
}

/**
 * Registers the tenant's webhook endpoint through the provider's API and returns the complete
 * credentials to seal: the merchant's, plus the signing secret and endpoint id the provider
 * handed back. `url` must come from configuration (`providerWebhookUrl`), never from a client.
 * Throws `ProviderError` (`invalid_credentials`, `mode_mismatch`, `invalid_request` with the
 * provider's words when it refuses the endpoint, `provider_unavailable`).
 *
 * @example
 * const { credentials, endpointId } = await registerProviderWebhookEndpoint('stripe', typed, {
 *   tenantId, url: providerWebhookUrl(checkoutUrl, 'stripe', tenantId), environment: {},
 * });
 */
export async function registerProviderWebhookEndpoint(
  id: ProviderId,
  typed: Readonly<Record<string, string>>,
  input: { tenantId: string; url: string; environment: ProviderEnvironment },
): Promise<{ credentials: Record<string, string>; endpointId: string }> {
  const endpoints = providerWebhookEndpoints(id);
  if (!endpoints) {
    throw new ProviderError('invalid_request', `${id} registers no webhook endpoints`, {
      provider: id,
    });
  }
  const credentials = endpoints.credentialsSchema.parse(typed);
  endpoints.modeOf(credentials);
  const { endpointId, signingSecret } = await endpoints.register({
    credentials,
    tenantId: input.tenantId,
    url: input.url,
    environment: input.environment,
  });
  return {
    credentials: {
      ...(credentials as Record<string, string>),
      [endpoints.secretField]: signingSecret,
      [endpoints.endpointIdField]: endpointId,
    },
    endpointId,
  };
}

/**
 * Deletes the webhook endpoint the platform registered for these (opened) credentials, if it
 * registered one. Resolves with the endpoint's id, or `null` when there was none to delete.
 */
export async function removeProviderWebhookEndpoint(
  id: ProviderId,
  credentials: Readonly<Record<string, unknown>>,
  environment: ProviderEnvironment,
): Promise<string | null> {
  const endpoints = providerWebhookEndpoints(id);
  const endpointId = endpoints ? credentials[endpoints.endpointIdField] : undefined;
  if (!endpoints || typeof endpointId !== 'string' || !endpointId) return null;
  await endpoints.remove({ credentials: { ...credentials }, endpointId, environment });
  return endpointId;
}
