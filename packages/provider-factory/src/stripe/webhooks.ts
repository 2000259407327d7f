import {
  type ParsedWebhook,
  ProviderError,
  type ProviderMode,
  type WebhookRequest,
} from '@prood/checkout';
import Stripe from 'stripe';
import { rawBodyBuffer, readHeader } from '../headers';
import { mapStripeEvent } from './events';

/** Stripe's own default: a signed timestamp older than this is a replay. */
export const STRIPE_WEBHOOK_TOLERANCE_SECONDS = 300;

// Only the signature helpers are used: no API key, no network.
const webhooks = Stripe.webhooks;

const fail = (code: ConstructorParameters<typeof ProviderError>[0], message: string) =>
  new ProviderError(code, message, { provider: 'stripe' });

/**
 * Verifies a Stripe webhook on its raw bytes with the tenant's `whsec_` and maps it. Throws
 * `ProviderError`: `webhook_signature_missing` | `webhook_signature_invalid` |
 * `webhook_timestamp_out_of_tolerance` | `webhook_payload_invalid` | `webhook_tenant_mismatch` |
 * `mode_mismatch`.
 *
 * @example
 * const parsed = await parseStripeWebhook(request, { tenantId, mode: 'test', webhookSecret });
 */
export function parseStripeWebhook(
  request: WebhookRequest,
  options: {
    tenantId: string;
    mode: ProviderMode;
    webhookSecret: string;
    accountId?: string | undefined;
    now?: Date | undefined;
  },
): ParsedWebhook {
  const header = readHeader(request.headers, 'stripe-signature');
  if (!header) {
    throw fail('webhook_signature_missing', 'Stripe webhook has no Stripe-Signature header');
  }
  let event: Stripe.Event;
  try {
    event = webhooks.constructEvent(
      rawBodyBuffer(request.rawBody),
      header,
      options.webhookSecret,
      STRIPE_WEBHOOK_TOLERANCE_SECONDS,
      undefined,
      (options.now ?? new Date()).getTime(),
    );
  } catch (error) {
    const type = (error as { type?: unknown }).type;
    if (type !== 'StripeSignatureVerificationError') {
      throw fail('webhook_payload_invalid', 'Stripe webhook body is not a JSON event');
    }
    if (/tolerance/i.test((error as Error).message)) {
      throw fail(
        'webhook_timestamp_out_of_tolerance',
        `Stripe webhook timestamp is older than ${STRIPE_WEBHOOK_TOLERANCE_SECONDS} s`,
      );
    }
    throw fail(
      'webhook_signature_invalid',
      'Stripe webhook signature does not match this tenant’s webhook secret',
    );
  }
  if (typeof event?.id !== 'string' || typeof event.type !== 'string' || !event.data?.object) {
    throw fail('webhook_payload_invalid', 'Stripe webhook body is not an event');
  }
  if (options.accountId && event.account && event.account !== options.accountId) {
    throw fail('webhook_tenant_mismatch', 'Stripe webhook is for another connected account');
  }
  if (event.livemode !== (options.mode === 'live')) {
    throw fail(
      'mode_mismatch',
      `Stripe webhook is a ${event.livemode ? 'live' : 'test'} event; the integration is ${options.mode}`,
    );
  }
  const metadata = (event.data.object as { metadata?: Record<string, string> | null }).metadata;
  const owner = metadata?.tenant_id;
  if (owner !== undefined && (owner !== request.tenantId || owner !== options.tenantId)) {
    throw fail('webhook_tenant_mismatch', 'Stripe webhook belongs to another tenant');
  }
  return {
    eventId: event.id,
    type: event.type,
    events: mapStripeEvent(event, { tenantId: options.tenantId }),
  };
}
