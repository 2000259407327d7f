import { ProviderError, type ProviderMode } from '@prood/checkout';
import type { z } from 'zod';
import { type Keyring, openCredentials, sealCredentials } from './credentials';
import { CredentialsCryptoError } from './credentials/keyring';
import {
  isRegisteredProvider,
  type ProviderCredentials,
  providerDefinition,
  type RegisteredProviderId,
} from './registry';

/** The integration columns `sealIntegrationCredentials` fills in. */
export interface SealedIntegrationCredentials {
  encryptedCredentials: string;
  keyId: string;
  /** JSON of the masked view, for the dashboard. */
  maskedCredentials: string;
  mode: ProviderMode;
}

/** Which integration a row is, for sealing and opening its credentials. */
export interface StoredIntegration {
  tenantId: string;
  provider: string;
  mode: ProviderMode | string;
  encryptedCredentials: string;
  keyId: string;
}

export function assertRegisteredProvider(provider: string): RegisteredProviderId {
  if (!isRegisteredProvider(provider)) {
    throw new ProviderError('unknown_provider', `no payment provider "${provider}" is registered`, {
      provider,
    });
  }
  return provider;
}

/** zod issues as `path: message` lines; zod does not put input values in them. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || 'credentials'}: ${issue.message}`)
    .join('; ');
}

/** Validates credentials with the provider's schema; the error names fields, never values. */
export function parseProviderCredentials(provider: string, credentials: unknown): unknown {
  const id = assertRegisteredProvider(provider);
  const result = providerDefinition(id).credentialsSchema.safeParse(credentials);
  if (!result.success) {
    throw new ProviderError(
      'invalid_credentials',
      `${id} credentials are invalid: ${describeIssues(result.error)}`,
      { provider: id },
    );
  }
  return result.data;
}

/**
 * Validates, encrypts and masks a tenant's provider credentials for an `integrations` row. The
 * mode comes from the keys; when `mode` is given it must agree (`mode_mismatch`).
 *
 * @example
 * const sealed = sealIntegrationCredentials(keyring, {
 *   tenantId, provider: 'stripe',
 *   credentials: { secretKey: 'sk_test_…', publishableKey: 'pk_test_…', webhookSecret: 'whsec_…' },
 * });
 * await db.insert(integrations).values({ id, tenantId, provider: 'stripe', ...sealed });
 */
export function sealIntegrationCredentials<Id extends RegisteredProviderId>(
  keyring: Keyring,
  input: {
    tenantId: string;
    provider: Id;
    credentials: ProviderCredentials<Id>;
    mode?: ProviderMode | undefined;
  },
): SealedIntegrationCredentials {
  const definition = providerDefinition(input.provider);
  const credentials = parseProviderCredentials(input.provider, input.credentials);
  const mode = definition.modeOf(credentials);
  if (input.mode !== undefined && input.mode !== mode) {
    throw new ProviderError(
      'mode_mismatch',
      `${input.provider} credentials are ${mode} mode, but the integration is ${input.mode} mode`,
      { provider: input.provider },
    );
  }
  const sealed = sealCredentials(
    keyring,
    { tenantId: input.tenantId, provider: input.provider },
    JSON.stringify(credentials),
  );
  return {
    encryptedCredentials: sealed.ciphertext,
    keyId: sealed.keyId,
    maskedCredentials: JSON.stringify(definition.mask(credentials)),
    mode,
  };
}

/**
 * Decrypts and re-validates a stored integration's credentials, and checks that the stored mode
 * is the keys' mode (a live key in a test integration is refused).
 *
 * @example
 * const { credentials, mode } = openIntegrationCredentials(keyring, integrationRow);
 */
export function openIntegrationCredentials(
  keyring: Keyring,
  integration: StoredIntegration,
): { provider: RegisteredProviderId; credentials: unknown; mode: ProviderMode } {
  const provider = assertRegisteredProvider(integration.provider);
  let plaintext: string;
  try {
    plaintext = openCredentials(
      keyring,
      { tenantId: integration.tenantId, provider },
      { keyId: integration.keyId, ciphertext: integration.encryptedCredentials },
    );
  } catch (error) {
    if (!(error instanceof CredentialsCryptoError)) throw error;
    throw new ProviderError(
      'invalid_credentials',
      `stored ${provider} credentials cannot be opened (${error.code})`,
      { provider },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    throw new ProviderError('invalid_credentials', `stored ${provider} credentials are not JSON`, {
      provider,
    });
  }
  const credentials = parseProviderCredentials(provider, json);
  const mode = providerDefinition(provider).modeOf(credentials);
  if (integration.mode !== mode) {
    throw new ProviderError(
      'mode_mismatch',
      `stored ${provider} credentials are ${mode} mode, but the integration is ${integration.mode} mode`,
      { provider },
    );
  }
  return { provider, credentials, mode };
}
