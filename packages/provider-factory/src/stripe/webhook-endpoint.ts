import { ProviderError } from '@prood/checkout';
import type { StripeRuntimeOptions } from './client';
import { createStripeClient } from './client';
import type { StripeCredentials } from './credentials';
import { toProviderError } from './errors';
import { HANDLED_STRIPE_EVENT_TYPES } from './events';

/** The event types a tenant's endpoint subscribes to: exactly those we map. */
export const STRIPE_WEBHOOK_EVENTS = HANDLED_STRIPE_EVENT_TYPES;

/** How our endpoints are recognised in a Stripe account (next to the tenant id in metadata). */
const ENDPOINT_DESCRIPTION = 'prood checkout';

type EndpointCredentials = Pick<StripeCredentials, 'secretKey' | 'accountId'>;

/**
 * A refusal of the webhook endpoint calls in our vocabulary. A refused key (401) is
 * `invalid_credentials`; a key without the webhook permission (403) or a URL Stripe will not
 * deliver to (400) is `invalid_request`. Both carry Stripe's own message, written for the
 * merchant (Stripe masks the key in it), so the dashboard can show it in words.
 */
function endpointError(error: unknown, operation: string): ProviderError {
  const e = error as { type?: unknown; message?: unknown };
  const message = typeof e.message === 'string' && e.message ? e.message : '';
  if (e.type === 'StripeAuthenticationError') {
    return new ProviderError('invalid_credentials', message || 'Stripe refused this API key.', {
      provider: 'stripe',
    });
  }
  if (e.type === 'StripePermissionError' || e.type === 'StripeInvalidRequestError') {
    return new ProviderError(
      'invalid_request',
      message || `Stripe refused the webhook endpoint (${operation}).`,
      { provider: 'stripe' },
    );
  }
  return toProviderError(error, operation);
}

/**
 * Registers the tenant's webhook endpoint in their Stripe account and returns the signing
 * secret Stripe shows only once; store it as `webhookSecret`. Idempotent per tenant and URL:
 * endpoints an earlier connect left at the same URL for the same tenant (ours, by metadata) are
 * deleted first, so connecting twice never leaves two endpoints delivering each event twice.
 *
 * @example
 * const { endpointId, webhookSecret } = await registerStripeWebhookEndpoint({ secretKey }, {
 *   url: `${CHECKOUT_URL}/api/webhooks/stripe/${tenantId}`, tenantId,
 * });
 */
export async function registerStripeWebhookEndpoint(
  credentials: EndpointCredentials,
  input: { url: string; tenantId: string },
  runtime: StripeRuntimeOptions = {},
): Promise<{ endpointId: string; webhookSecret: string }> {
  const stripe = createStripeClient(credentials, { timeoutMs: 10_000, ...runtime });
  try {
    const stale: string[] = [];
    for await (const endpoint of stripe.webhookEndpoints.list({ limit: 100 })) {
      if (endpoint.url === input.url && endpoint.metadata?.tenant_id === input.tenantId) {
        stale.push(endpoint.id);
      }
    }
    for (const id of stale) await deleteEndpoint(stripe, id);
    // no fixed idempotency key: a replay after a removal would hand back a deleted endpoint;
    // the SDK's own retries carry one of their own
    const endpoint = await stripe.webhookEndpoints.create({
      url: input.url,
      enabled_events: [...STRIPE_WEBHOOK_EVENTS],
      metadata: { tenant_id: input.tenantId },
      description: ENDPOINT_DESCRIPTION,
    });
    if (!endpoint.secret) throw new Error('Stripe returned no webhook secret');
    return { endpointId: endpoint.id, webhookSecret: endpoint.secret };
  } catch (error) {
    throw endpointError(error, 'webhook endpoint create');
  }
}

async function deleteEndpoint(stripe: ReturnType<typeof createStripeClient>, id: string) {
  try {
    await stripe.webhookEndpoints.del(id);
  } catch (error) {
    // already gone (deleted in Stripe's dashboard): what we wanted
    if ((error as { statusCode?: unknown }).statusCode === 404) return;
    throw error;
  }
}

/**
 * Deletes an endpoint `registerStripeWebhookEndpoint` made; one already gone counts as deleted.
 *
 * @example
 * await deleteStripeWebhookEndpoint({ secretKey }, 'we_…');
 */
export async function deleteStripeWebhookEndpoint(
  credentials: EndpointCredentials,
  endpointId: string,
  runtime: StripeRuntimeOptions = {},
): Promise<void> {
  const stripe = createStripeClient(credentials, { timeoutMs: 10_000, ...runtime });
  try {
    await deleteEndpoint(stripe, endpointId);
  } catch (error) {
    throw endpointError(error, 'webhook endpoint delete');
  }
}
