import {
  type ParsedWebhook,
  ProviderError,
  type ProviderMode,
  type WebhookRequest,
} from '@prood/checkout';
import { rawBodyBuffer } from '../headers';
import { eventsOfPayment, type MolliePaymentView, metadataOf } from './payment';

const PAYMENT_ID = /^tr_[A-Za-z0-9]{4,64}$/;

const fail = (code: ConstructorParameters<typeof ProviderError>[0], message: string) =>
  new ProviderError(code, message, { provider: 'mollie' });

/** The payment id a Mollie webhook names: its whole body is `id=tr_…`, form-encoded. */
export function mollieWebhookPaymentId(request: WebhookRequest): string {
  const body = rawBodyBuffer(request.rawBody);
  if (body.length > 1024) throw fail('webhook_payload_invalid', 'Mollie webhook body is too large');
  const id = new URLSearchParams(body.toString('utf8')).get('id');
  if (!id || !PAYMENT_ID.test(id)) {
    throw fail('webhook_payload_invalid', 'Mollie webhook names no payment (id=tr_…)');
  }
  return id;
}

/**
 * Verifies a Mollie webhook by fetching it back: Mollie signs nothing, so the body is only a
 * hint. The payment is fetched with the tenant's own key (another account's id, or an unknown
 * one, is `not_found` from Mollie) and only that answer is trusted. Throws `ProviderError`:
 * `webhook_payload_invalid` | `not_found` | `mode_mismatch` | `webhook_tenant_mismatch`, or a
 * retryable `provider_unavailable` when Mollie cannot be asked now.
 *
 * @example
 * const parsed = await parseMollieWebhook(request, { tenantId, mode, fetchPayment: (id) => client.payments.get(id) });
 */
export async function parseMollieWebhook(
  request: WebhookRequest,
  options: {
    tenantId: string;
    mode: ProviderMode;
    fetchPayment: (id: string) => Promise<MolliePaymentView>;
  },
): Promise<ParsedWebhook> {
  const id = mollieWebhookPaymentId(request);
  const payment = await options.fetchPayment(id);
  if (payment.mode !== options.mode) {
    throw fail(
      'mode_mismatch',
      `Mollie payment is a ${payment.mode} payment; the integration is ${options.mode}`,
    );
  }
  const owner = metadataOf(payment).tenant_id;
  if (owner !== request.tenantId || owner !== options.tenantId) {
    throw fail('webhook_tenant_mismatch', 'Mollie payment belongs to another tenant');
  }
  return eventsOfPayment(payment, options.tenantId);
}
