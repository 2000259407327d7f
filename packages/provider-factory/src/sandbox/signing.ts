import type { WebhookRequest } from '@prood/checkout';
import { ProviderError } from '@prood/checkout';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { rawBodyBuffer, readHeader } from '../headers';

/** Stripe's and Standard Webhooks' tolerance: older (or further future) timestamps are refused. */
export const SANDBOX_WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * Standard Webhooks headers for one delivery: HMAC-SHA256 over `id.timestamp.body`.
 *
 * @example
 * signSandboxWebhook({ secret: 'whsec_…', id: 'evt_sbx_…', timestamp: new Date(), payload })
 * // { 'webhook-id': 'evt_sbx_…', 'webhook-timestamp': '1767…', 'webhook-signature': 'v1,…' }
 */
export function signSandboxWebhook(input: {
  secret: string;
  id: string;
  timestamp: Date;
  payload: string;
}): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  const signature = new Webhook(input.secret).sign(input.id, input.timestamp, input.payload);
  return {
    'webhook-id': input.id,
    'webhook-timestamp': String(Math.floor(input.timestamp.getTime() / 1000)),
    'webhook-signature': signature,
  };
}

/**
 * Verifies a sandbox delivery on its raw bytes and returns the body text. Throws `ProviderError`
 * (`webhook_signature_missing` | `webhook_signature_invalid` | `webhook_timestamp_out_of_tolerance`).
 */
export function verifySandboxWebhook(
  secret: string,
  request: Pick<WebhookRequest, 'rawBody' | 'headers'>,
): string {
  const headers = {
    'webhook-id': readHeader(request.headers, 'webhook-id'),
    'webhook-timestamp': readHeader(request.headers, 'webhook-timestamp'),
    'webhook-signature': readHeader(request.headers, 'webhook-signature'),
  };
  const missing = Object.entries(headers)
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length > 0) {
    throw new ProviderError(
      'webhook_signature_missing',
      `sandbox webhook is missing the ${missing.join(', ')} header(s)`,
      { provider: 'sandbox' },
    );
  }
  const body = rawBodyBuffer(request.rawBody);
  try {
    new Webhook(secret).verify(body, headers as Record<string, string>, { jsonParse: false });
  } catch (error) {
    const message = error instanceof WebhookVerificationError ? error.message : '';
    if (/timestamp too (old|new)/.test(message)) {
      throw new ProviderError(
        'webhook_timestamp_out_of_tolerance',
        `sandbox webhook timestamp is more than ${SANDBOX_WEBHOOK_TOLERANCE_SECONDS} s away from now`,
        { provider: 'sandbox' },
      );
    }
    throw new ProviderError(
      'webhook_signature_invalid',
      'sandbox webhook signature does not match this tenant’s secret',
      { provider: 'sandbox' },
    );
  }
  return body.toString('utf8');
}
