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

/** The provider a session uses when the caller names none (the registry's preference). */
export async function defaultProviderId(tenantId: string): Promise<ProviderId | null> {
  return defaultProviderOf(await listIntegrations(getDatabase(), { tenantId }));
}

export async function getTenant(tenantId: string) {
  return getOrganization(getDatabase(), { tenantId });
}
