import 'server-only';
import type { PaymentProvider } from '@prood/checkout';
import { getDatabase, getOrganization, listIntegrations } from '@prood/db';
import {
  createDrizzleSandboxStore,
  createTenantProviderResolver,
  defaultProviderOf,
  type Keyring,
  type ProviderId,
  parseKeyring,
  type SandboxRuntime,
} from '@prood/provider-factory';
import { env } from '../env';

let keyring: Keyring | undefined;
let sandbox: SandboxRuntime | undefined;
let wakeDelivery: (() => void) | undefined;

export function getKeyring(): Keyring {
  keyring ??= parseKeyring(env.CREDENTIALS_ENCRYPTION_KEYS);
  return keyring;
}

/** The sandbox provider's runtime: state in Postgres, pages and webhooks on this app. */
export function getSandboxRuntime(): SandboxRuntime {
  sandbox ??= {
    store: createDrizzleSandboxStore(getDatabase()),
    checkoutBaseUrl: env.CHECKOUT_URL,
    onEventsQueued: () => wakeDelivery?.(),
  };
  return sandbox;
}

/** Lets the in-process sandbox delivery loop be woken when new events are queued. */
export function setSandboxWake(wake: () => void): void {
  wakeDelivery = wake;
}

let resolver: ((tenantId: string, providerId: string) => Promise<PaymentProvider>) | undefined;

/**
 * The tenant's provider, built from its stored (encrypted) integration. Read from the database
 * directly: this app already needs it, and credentials are then decrypted only in the process
 * that uses them, never sent over another hop.
 */
export function resolveTenantProvider(
  tenantId: string,
  providerId: string,
): Promise<PaymentProvider> {
  resolver ??= createTenantProviderResolver(getDatabase(), {
    keyring: getKeyring(),
    checkoutBaseUrl: env.CHECKOUT_URL,
    apiBaseUrls: env.PAYMENT_PROVIDER_API_URLS,
    sandbox: getSandboxRuntime(),
  });
  return resolver(tenantId, providerId);
}

/**
 * The integration a session pays through: its own provider, or the tenant's default when it
 * names none yet; with its mode (null when the tenant has no such integration).
 */
export async function sessionIntegration(
  tenantId: string,
  providerId: string | null,
): Promise<{ providerId: string | null; mode: 'test' | 'live' | null }> {
  const integrations = await listIntegrations(getDatabase(), { tenantId });
  const chosen = providerId ?? defaultProviderOf(integrations);
  const integration = integrations.find((i) => i.provider === chosen);
  return { providerId: chosen, mode: integration?.mode ?? null };
}

/** The provider a session uses when the caller names none (the registry's preference). */
export async function defaultProviderId(tenantId: string): Promise<ProviderId | null> {
  return defaultProviderOf(await listIntegrations(getDatabase(), { tenantId }));
}

export async function getTenant(tenantId: string) {
  return getOrganization(getDatabase(), { tenantId });
}
