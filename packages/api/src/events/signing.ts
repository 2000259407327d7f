import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A fresh endpoint secret in the Standard Webhooks format: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The three Standard Webhooks headers for one message. With more than one secret (during a
 * rotation) every signature is sent, space-separated, so a receiver holding either verifies.
 *
 * @example
 * signedHeaders(['whsec_…'], 'evt_…', new Date(), body) // { 'webhook-id', 'webhook-timestamp', 'webhook-signature': 'v1,…' }
 */
export function signedHeaders(
  secrets: readonly string[],
  messageId: string,
  timestamp: Date,
  payload: string,
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': secrets
      .map((secret) => new Webhook(secret).sign(messageId, timestamp, payload))
      .join(' '),
  };
}
