import { createDatabase } from '@prood/db';
import { signSandboxWebhook } from '@prood/provider-factory';
import { openCredentials, parseKeyring } from '@prood/provider-factory/credentials';
import { databaseUrl, demoSecrets, E2E_PORTS } from './platform';

/**
 * The sandbox webhook stored for an order's tenant (its provider event id and raw body) and the
 * tenant's sandbox signing secret, read from the run's database as an operator could: what a
 * spec needs to send a provider retry or a forgery of its own.
 */
export async function storedSandboxWebhook(orderId: string) {
  const db = createDatabase(databaseUrl, { max: 1, applicationName: 'prood-e2e-webhooks' });
  try {
    const [row] = await db.$client<
      {
        tenant_id: string;
        event_id: string;
        payload: string | null;
        key_id: string;
        sealed: string;
      }[]
    >`select e.tenant_id, e.event_id, e.payload, i.key_id, i.encrypted_credentials as sealed
      from orders o
      join webhook_events e on e.tenant_id = o.tenant_id and e.provider = 'sandbox'
      join integrations i on i.tenant_id = o.tenant_id and i.provider = 'sandbox'
      where o.id = ${orderId}
      order by e.received_at limit 1`;
    if (!row?.payload) throw new Error(`no stored sandbox webhook for ${orderId}`);
    const credentials = JSON.parse(
      openCredentials(
        parseKeyring(demoSecrets().credentialsEncryptionKeys),
        { tenantId: row.tenant_id, provider: 'sandbox' },
        { keyId: row.key_id, ciphertext: row.sealed },
      ),
    ) as { webhookSecret: string };
    return {
      tenantId: row.tenant_id,
      eventId: row.event_id,
      payload: row.payload,
      secret: credentials.webhookSecret,
    };
  } finally {
    await db.$client.end({ timeout: 5 });
  }
}

/** Posts a sandbox delivery to the checkout app's receiver, signed now with `secret`. */
export function deliverSandboxWebhook(
  tenantId: string,
  input: { id: string; payload: string; secret: string },
): Promise<Response> {
  return fetch(`http://localhost:${E2E_PORTS.checkout}/api/webhooks/sandbox/${tenantId}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...signSandboxWebhook({ ...input, timestamp: new Date() }),
    },
    body: input.payload,
  });
}
