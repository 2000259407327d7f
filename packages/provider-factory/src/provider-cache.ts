import type { PaymentProvider } from '@prood/checkout';

/** The integration columns a cached provider is valid for: the row's identity and version. */
export interface VersionedIntegration {
  tenantId: string;
  provider: string;
  /** `integrations.version`, bumped by a trigger on every change of the row. */
  version: number;
}

/**
 * Built providers keyed by tenant and provider, valid for one integration version, least
 * recently used dropped first once `maxEntries` are held. A version that moved (re-saved
 * credentials, disabled, re-sealed) misses and is rebuilt; nothing expires on a timer, and every
 * instance reads the version from Postgres, so two instances never disagree for long than a read.
 *
 * @example
 * const cache = createProviderCache({ maxEntries: 1000 });
 * const provider = cache.get(row) ?? cache.set(row, buildPaymentProvider(row, context));
 */
export interface ProviderCache {
  get(integration: VersionedIntegration): PaymentProvider | undefined;
  set(integration: VersionedIntegration, provider: PaymentProvider): PaymentProvider;
  readonly size: number;
}

/** Default bound: one entry per active tenant and provider, a few kB each. */
export const DEFAULT_PROVIDER_CACHE_SIZE = 1000;

export function createProviderCache(options: { maxEntries?: number } = {}): ProviderCache {
  const maxEntries = options.maxEntries ?? DEFAULT_PROVIDER_CACHE_SIZE;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  }
  // a Map iterates in insertion order: re-inserting on a hit keeps the oldest first
  const entries = new Map<string, { version: number; provider: PaymentProvider }>();
  const keyOf = (i: VersionedIntegration) => `${i.tenantId}\u0000${i.provider}`;
  return {
    get(integration) {
      const key = keyOf(integration);
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.version !== integration.version) return undefined;
      entries.set(key, entry);
      return entry.provider;
    },
    set(integration, provider) {
      const key = keyOf(integration);
      entries.delete(key);
      entries.set(key, { version: integration.version, provider });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return provider;
    },
    get size() {
      return entries.size;
    },
  };
}
