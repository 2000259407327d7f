import type { StripeRuntimeOptions } from './client';
import { createStripeClient } from './client';
import type { StripeCredentials } from './credentials';
import { toProviderError } from './errors';
import { HANDLED_STRIPE_EVENT_TYPES } from './events';

/** The event types a tenant's endpoint subscribes to: exactly those we map. */
export const STRIPE_WEBHOOK_EVENTS = HANDLED_STRIPE_EVENT_TYPES;

/**
 * Registers the tenant's webhook endpoint in their Stripe account (when the integration is
 * saved) and returns the signing secret Stripe shows only once; store it as `webhookSecret`.
 *
 * @example
 * const { webhookSecret } = await registerStripeWebhookEndpoint({ secretKey, publishableKey }, {
 *   url: `${CHECKOUT_URL}/api/webhooks/stripe/${tenantId}`, tenantId,
 * });
 */
export async function registerStripeWebhookEndpoint(
  credentials: Pick<StripeCredentials, 'secretKey' | 'accountId'>,
  input: { url: string; tenantId: string },
  runtime: StripeRuntimeOptions = {},
): Promise<{ endpointId: string; webhookSecret: string }> {
  const stripe = createStripeClient(
    { ...credentials, publishableKey: 'pk_test_unused00', webhookSecret: 'whsec_unused00' },
    runtime,
  );
  try {
    const endpoint = await stripe.webhookEndpoints.create(
      {
        url: input.url,
        enabled_events: [...STRIPE_WEBHOOK_EVENTS],
        metadata: { tenant_id: input.tenantId },
        description: 'prood checkout',
      },
      { idempotencyKey: `webhook-endpoint:${input.tenantId}:${input.url}` },
    );
    if (!endpoint.secret) throw new Error('Stripe returned no webhook secret');
    return { endpointId: endpoint.id, webhookSecret: endpoint.secret };
  } catch (error) {
    throw toProviderError(error, 'webhook endpoint create');
  }
}
