import type { z } from 'zod';
import type { ProviderDefinition } from './registry-types';
import { sandboxProviderDefinition } from './sandbox';
import { stripeProviderDefinition } from './stripe';

/** Every payment integration. Adding one = its folder + one line here. */
export const PAYMENT_PROVIDERS = {
  sandbox: sandboxProviderDefinition,
  stripe: stripeProviderDefinition,
} as const;

export type RegisteredProviderId = keyof typeof PAYMENT_PROVIDERS;
export const PROVIDER_IDS = Object.keys(PAYMENT_PROVIDERS) as RegisteredProviderId[];

type Definition<Id extends RegisteredProviderId> = (typeof PAYMENT_PROVIDERS)[Id];
export type ProviderCredentials<Id extends RegisteredProviderId> = z.infer<
  Definition<Id>['credentialsSchema']
>;
export type ProviderRuntimeOptions<Id extends RegisteredProviderId> = NonNullable<
  Parameters<Definition<Id>['create']>[0]['runtime']
>;

/** Any registered definition, with its types erased for look-ups by a runtime string. */
export type AnyProviderDefinition = ProviderDefinition<string, unknown, unknown>;

export function isRegisteredProvider(id: string): id is RegisteredProviderId {
  return Object.hasOwn(PAYMENT_PROVIDERS, id);
}

/** The definition for a registered id, seen through the type-erased interface. */
export function providerDefinition(id: RegisteredProviderId): AnyProviderDefinition {
  // each entry satisfies ProviderDefinition for its own types; erasing them here is sound
  return PAYMENT_PROVIDERS[id] as unknown as AnyProviderDefinition;
}
