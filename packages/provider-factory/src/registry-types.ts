import type { PaymentProvider, ProviderMode } from '@prood/checkout';
import type { z } from 'zod';

/** What `buildPaymentProvider` hands a provider definition once credentials are open. */
export interface CreateProviderArgs<Credentials, Runtime> {
  tenantId: string;
  mode: ProviderMode;
  credentials: Credentials;
  /** Per-provider runtime options from the build context (API host override, sandbox store…). */
  runtime: Runtime | undefined;
}

/**
 * One payment integration: how its credentials look, which mode they belong to, how they show
 * masked, and how a provider is built from them. A folder under `src/` exports one of these.
 */
export interface ProviderDefinition<Id extends string, Credentials, Runtime> {
  id: Id;
  /** Shown in the dashboard. */
  label: string;
  credentialsSchema: z.ZodType<Credentials>;
  /** The mode the credentials belong to; throws `mode_mismatch` when they disagree. */
  modeOf(credentials: Credentials): ProviderMode;
  /** A display-safe view of the credentials. */
  mask(credentials: Credentials): Record<string, string>;
  create(args: CreateProviderArgs<Credentials, Runtime>): PaymentProvider;
}
