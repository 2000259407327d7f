import 'server-only';
import { type PaymentProvider, ProviderError } from '@prood/checkout';
import { getDatabase, getIntegration, getOrganization, listIntegrations } from '@prood/db';
import {
  buildPaymentProvider,
  createDrizzleSandboxStore,
  type Keyring,
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

/**
 * The tenant's provider, built from its stored (encrypted) integration. Read from the database
 * directly: this app already needs it, and credentials are then decrypted only in the process
 * that uses them, never sent over another hop.
 */
export async function resolveTenantProvider(
  tenantId: string,
  providerId: string,
): Promise<PaymentProvider> {
  const integration = await getIntegration(getDatabase(), { tenantId, provider: providerId });
  if (!integration) {
    throw new ProviderError('provider_disabled', `no ${providerId} integration is connected`, {
      provider: providerId,
    });
  }
  return buildPaymentProvider(integration, {
    keyring: getKeyring(),
    sandbox: getSandboxRuntime(),
  });
}

/** The provider a session uses when the caller names none: Stripe when connected, else sandbox. */
export async function defaultProviderId(tenantId: string): Promise<string | null> {
  const enabled = (await listIntegrations(getDatabase(), { tenantId })).filter((i) => i.enabled);
  return (enabled.find((i) => i.provider === 'stripe') ?? enabled[0])?.provider ?? null;
}

export async function getTenant(tenantId: string) {
  return getOrganization(getDatabase(), { tenantId });
}
