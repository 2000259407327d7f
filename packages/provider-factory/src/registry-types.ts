import type { NormalizedPaymentEventType, PaymentProvider, ProviderMode } from '@prood/checkout';
import type { z } from 'zod';

/**
 * What the platform tells every provider about where it runs: the public checkout URL (its
 * webhooks and return pages live there) and, when set, the base URL of the provider's API
 * (production leaves it unset; tests point the real SDK at a fake of the provider's API).
 */
export interface ProviderEnvironment {
  checkoutBaseUrl?: string | undefined;
  /** This tenant's webhook receiver for this provider, for providers that take it per payment. */
  webhookUrl?: string | undefined;
  apiBaseUrl?: string | undefined;
}

/** What `buildPaymentProvider` hands a provider definition once credentials are open. */
export interface CreateProviderArgs<Credentials, Runtime> {
  tenantId: string;
  mode: ProviderMode;
  credentials: Credentials;
  /** Per-provider runtime options from the build context (API host override, sandbox store…). */
  runtime: Runtime | undefined;
  environment: ProviderEnvironment;
}

/** Optional capabilities a provider offers besides the required port (see `@prood/checkout`). */
export type ProviderCapability =
  | 'refund'
  | 'expire'
  | 'customers'
  | 'billing_portal'
  | 'subscriptions';

/** How the dashboard shows one credential field: its form is built from these. */
export interface CredentialField {
  label: string;
  /** Secret fields are typed into a password input and only ever shown masked. */
  secret: boolean;
  placeholder?: string | undefined;
  /** The expected format in a few words, e.g. `starts with test_ or live_`. */
  hint?: string | undefined;
  optional?: boolean | undefined;
  /**
   * Set by the platform, never typed by a merchant (e.g. the id of a webhook endpoint it
   * registered): left out of the connect form, shown in the masked view.
   */
  managed?: boolean | undefined;
}

/**
 * Optional capability: the platform registers the tenant's webhook endpoint through the
 * provider's API, so the merchant types no signing secret. The provider returns the secret
 * once; it is stored in `secretField` and the endpoint's id in `endpointIdField`, sealed with
 * the other credentials. When the provider refuses (a key without the permission, a URL it
 * will not deliver to), the merchant sets the endpoint up by hand and types the secret.
 */
export interface WebhookEndpointRegistration<Credentials, Registering> {
  /** The credential field the returned signing secret fills in. */
  secretField: keyof Credentials & string;
  /** The (managed) credential field that keeps the endpoint's id, for its removal. */
  endpointIdField: keyof Credentials & string;
  /** The credentials the merchant types when the endpoint is registered: all but those two. */
  credentialsSchema: z.ZodType<Registering>;
  /** The mode of those credentials; throws `mode_mismatch` like the definition's `modeOf`. */
  modeOf(credentials: Registering): ProviderMode;
  /**
   * Checks the credentials and registers the endpoint at `url` (replacing one an earlier call
   * made there for this tenant). Throws `ProviderError`: `invalid_credentials` for refused
   * credentials, `invalid_request` with the provider's words when it refuses the endpoint.
   */
  register(args: {
    credentials: Registering;
    tenantId: string;
    url: string;
    environment: ProviderEnvironment;
  }): Promise<{ endpointId: string; signingSecret: string }>;
  /** Deletes an endpoint `register` made; one already gone counts as deleted. */
  remove(args: {
    credentials: Registering;
    endpointId: string;
    environment: ProviderEnvironment;
  }): Promise<void>;
}

/**
 * How a webhook of this provider is verified, in the checkout app and again in the API.
 * `signature`: a signature over the raw bytes with the tenant's secret, carried in
 * `forwardHeaders`. `fetch-back`: the body names an object only; the receiver asks the provider
 * for it with the tenant's key and trusts only the answer, so nothing but the body is forwarded.
 */
export type WebhookVerification =
  | { strategy: 'signature'; forwardHeaders: readonly string[] }
  | { strategy: 'fetch-back'; forwardHeaders: readonly [] };

/**
 * How the hosted checkout page takes a payment with this provider. `inline-card-form`: a card
 * form on our own page whose number goes to the provider server side (the offline sandbox).
 * `embedded-element`: the provider's browser element mounted in our page with a client secret
 * (`canEmbedPayment` in `@prood/checkout`; Stripe's Payment Element), its hosted page where the
 * tenant or a subscription needs it. `redirect`: the shopper pays on the provider's own page.
 */
export type CheckoutPaymentUi = 'inline-card-form' | 'embedded-element' | 'redirect';

/** The CSP directives a provider's browser part needs on our page, with their sources. */
export type BrowserCspSources = Readonly<
  Partial<
    Record<'script-src' | 'frame-src' | 'connect-src' | 'img-src' | 'style-src', readonly string[]>
  >
>;

/** What the checkout page needs to know of a provider; the page names no provider itself. */
export interface CheckoutUiMetadata {
  payment: CheckoutPaymentUi;
  /**
   * Origins the provider's browser code loads from, added to the page's policy only for a
   * session paid through this provider (every other page keeps the strict policy).
   */
  csp: BrowserCspSources;
}

/**
 * One payment integration: how its credentials look (and how the dashboard asks for them),
 * what it can do, how its webhooks are verified, which provider events it maps onto which
 * normalized events, and how a provider is built. A folder under `src/` exports one of these.
 */
export interface ProviderDefinition<Id extends string, Credentials, Runtime> {
  id: Id;
  /** Shown in the dashboard. */
  label: string;
  credentialsSchema: z.ZodType<Credentials>;
  /** One entry per credential field, in form order. */
  credentialFields: { [Field in keyof Credentials & string]-?: CredentialField };
  /** Whether a merchant connects it in the dashboard (the offline sandbox is set up for them). */
  connectable: boolean;
  /** When a tenant names no provider, the enabled one with the highest preference is used. */
  preference: number;
  capabilities: readonly ProviderCapability[];
  webhook: WebhookVerification;
  /** How the hosted checkout page takes its payments, and what its browser part may load. */
  checkoutUi: CheckoutUiMetadata;
  /** Provider event (or status) → the normalized event types it can map onto. */
  events: Readonly<Record<string, readonly NormalizedPaymentEventType[]>>;
  /** The mode the credentials belong to; throws `mode_mismatch` when they disagree. */
  modeOf(credentials: Credentials): ProviderMode;
  /** A display-safe view of the credentials. */
  mask(credentials: Credentials): Record<string, string>;
  create(args: CreateProviderArgs<Credentials, Runtime>): PaymentProvider;
  /**
   * Optional: asks the provider whether the credentials work, before they are saved. Throws
   * `ProviderError` `invalid_credentials` with the provider's own words when they do not.
   */
  verifyCredentials?(credentials: Credentials, environment: ProviderEnvironment): Promise<void>;
  /** Optional: registers the tenant's webhook endpoint through the provider's API. */
  webhookEndpoints?: WebhookEndpointRegistration<Credentials, Partial<Credentials>>;
}
