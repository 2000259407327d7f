import type { NormalizedPaymentEvent, PaymentStatus } from '@prood/checkout';
import { fromMollieAmount, type MollieAmount } from './amount';

/** The part of a Mollie payment we read: plain data, whatever the SDK wraps it in. */
export interface MolliePaymentView {
  id: string;
  mode: 'test' | 'live';
  status: 'open' | 'pending' | 'authorized' | 'paid' | 'failed' | 'canceled' | 'expired';
  amount: MollieAmount;
  amountRefunded?: MollieAmount | undefined;
  metadata: unknown;
  createdAt: string;
  paidAt?: string | undefined;
  authorizedAt?: string | undefined;
  failedAt?: string | undefined;
  canceledAt?: string | undefined;
  expiredAt?: string | undefined;
  expiresAt?: string | undefined;
  details?: unknown;
  statusReason?: { code: string; message: string } | undefined;
}

/** The ids we put on every payment: ours only, never personal data. */
export interface MollieMetadata {
  tenant_id?: string;
  order_id?: string;
  checkout_session_id?: string;
  attempt?: string;
}

export function metadataOf(payment: MolliePaymentView): MollieMetadata {
  const value = payment.metadata;
  if (typeof value !== 'object' || value === null) return {};
  const out: MollieMetadata = {};
  for (const key of ['tenant_id', 'order_id', 'checkout_session_id', 'attempt'] as const) {
    const field = (value as Record<string, unknown>)[key];
    if (typeof field === 'string') out[key] = field;
  }
  return out;
}

/**
 * Mollie status → the normalized events it stands for (the registry's events map). A payment
 * that was paid and then refunded stays `paid`; its refunds show in `amountRefunded`.
 */
export const MOLLIE_EVENT_MAP = {
  open: [],
  pending: ['payment.processing'],
  authorized: ['payment.processing'],
  paid: ['payment.succeeded', 'refund.succeeded'],
  failed: ['payment.failed'],
  canceled: ['payment.failed'],
  expired: ['checkout.expired'],
} as const satisfies Record<MolliePaymentView['status'], readonly NormalizedPaymentEvent['type'][]>;

/** What Mollie says about a payment, reported the way Stripe reports a checkout session. */
export function paymentStatusOf(payment: MolliePaymentView): PaymentStatus {
  const meta = metadataOf(payment);
  const settling = payment.status === 'pending' || payment.status === 'authorized';
  return {
    providerSessionId: payment.id,
    providerPaymentId: payment.id,
    status:
      payment.status === 'expired'
        ? 'expired'
        : payment.status === 'paid' || settling
          ? 'complete'
          : 'open',
    paymentStatus: payment.status === 'paid' ? 'paid' : 'unpaid',
    processing: settling,
    requiresAction: false,
    amount: fromMollieAmount(payment.amount),
    currency: payment.amount.currency,
    orderId: meta.order_id,
    checkoutSessionId: meta.checkout_session_id,
  };
}

function failure(payment: MolliePaymentView): { code: string; message?: string } {
  if (payment.status === 'canceled') return { code: 'canceled', message: 'The shopper canceled' };
  if (payment.statusReason) return payment.statusReason;
  const details = payment.details as { failureReason?: unknown; failureMessage?: unknown } | null;
  return {
    code: typeof details?.failureReason === 'string' ? details.failureReason : 'failed',
    ...(typeof details?.failureMessage === 'string' ? { message: details.failureMessage } : {}),
  };
}

/**
 * A payment as Mollie returned it (fetched back, so trusted) → the normalized events and the
 * dedupe key of this state. Mollie calls the webhook once per change and again on retries, so
 * the key is the state itself: the same state twice is one event.
 */
export function eventsOfPayment(
  payment: MolliePaymentView,
  tenantId: string,
): { eventId: string; type: string; events: NormalizedPaymentEvent[] } {
  const meta = metadataOf(payment);
  const amount = fromMollieAmount(payment.amount);
  const refunded = payment.amountRefunded ? fromMollieAmount(payment.amountRefunded) : 0;
  const eventId = `${payment.id}:${payment.status}${refunded > 0 ? `:refunded:${refunded}` : ''}`;
  const at =
    payment.paidAt ??
    payment.authorizedAt ??
    payment.failedAt ??
    payment.canceledAt ??
    payment.expiredAt ??
    payment.createdAt;
  const base = {
    tenantId,
    provider: 'mollie',
    providerEventId: eventId,
    occurredAt: new Date(at).toISOString(),
    orderId: meta.order_id,
    checkoutSessionId: meta.checkout_session_id,
    providerSessionId: payment.id,
    providerPaymentId: payment.id,
    amount,
    currency: payment.amount.currency,
  };
  const events: NormalizedPaymentEvent[] = [];
  switch (payment.status) {
    case 'open':
      break;
    case 'pending':
    case 'authorized':
      events.push({ ...base, type: 'payment.processing' });
      break;
    case 'paid':
      events.push({ ...base, type: 'payment.succeeded' });
      if (refunded > 0) {
        events.push({ ...base, type: 'refund.succeeded', amountRefundedTotal: refunded });
      }
      break;
    case 'failed':
    case 'canceled': {
      const reason = failure(payment);
      events.push({
        ...base,
        type: 'payment.failed',
        failureCode: reason.code,
        failureMessage: reason.message,
      });
      break;
    }
    case 'expired':
      events.push({ ...base, type: 'checkout.expired' });
      break;
  }
  return { eventId, type: `payment.${payment.status}`, events };
}
