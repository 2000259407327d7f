import { type Executor, getIntegration } from '@prood/db';
import type { Keyring } from './credentials';
import { openIntegrationCredentials } from './integration-credentials';
import type { SandboxCredentials } from './sandbox/credentials';

/**
 * Resolves a tenant's sandbox webhook secret from its stored integration, for
 * `deliverPendingSandboxWebhooks`; `undefined` when the tenant has no enabled sandbox integration.
 *
 * @example
 * await deliverPendingSandboxWebhooks({ store, resolveWebhookSecret: sandboxSecretFromDatabase(db, keyring) });
 */
export function sandboxSecretFromDatabase(
  db: Executor,
  keyring: Keyring,
): (tenantId: string) => Promise<string | undefined> {
  return async (tenantId) => {
    const integration = await getIntegration(db, { tenantId, provider: 'sandbox' });
    if (!integration?.enabled) return undefined;
    const { credentials } = openIntegrationCredentials(keyring, integration);
    return (credentials as SandboxCredentials).webhookSecret;
  };
}
