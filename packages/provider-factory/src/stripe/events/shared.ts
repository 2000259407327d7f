import type { NormalizedPaymentEvent, PaymentEventBase } from '@prood/checkout';
import type Stripe from 'stripe';

/** What every handler needs besides the event: whose webhook URL it came in on. */
export interface StripeEventContext {
  tenantId: string;
}

export type StripeEventHandler<E extends Stripe.Event> = (
  event: E,
  context: StripeEventContext,
) => NormalizedPaymentEvent[];

type Common = Pick<PaymentEventBase, 'tenantId' | 'provider' | 'providerEventId' | 'occurredAt'>;

export function eventCommon(event: Stripe.Event, context: StripeEventContext): Common {
  return {
    tenantId: context.tenantId,
    provider: 'stripe',
    providerEventId: event.id,
    occurredAt: new Date(event.created * 1000).toISOString(),
  };
}

export function idOf(value: string | { id: string } | null | undefined): string | undefined {
  if (!value) return undefined;
  return typeof value === 'string' ? value : value.id;
}

export function isoFromUnix(seconds: number | null | undefined): string | undefined {
  return typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : undefined;
}

/** The ids we put in metadata when the session or intent was created. */
export function ourIds(metadata: Stripe.Metadata | null | undefined) {
  return {
    orderId: metadata?.order_id,
    checkoutSessionId: metadata?.checkout_session_id,
  };
}

export function sessionFields(session: Stripe.Checkout.Session) {
  const ids = ourIds(session.metadata);
  return {
    orderId: ids.orderId ?? session.client_reference_id ?? undefined,
    checkoutSessionId: ids.checkoutSessionId,
    providerSessionId: session.id,
    providerPaymentId: idOf(session.payment_intent),
    amount: session.amount_total ?? 0,
    currency: (session.currency ?? '').toUpperCase(),
  };
}

export function intentFields(intent: Stripe.PaymentIntent) {
  return {
    ...ourIds(intent.metadata),
    providerPaymentId: intent.id,
    amount: intent.amount,
    currency: intent.currency.toUpperCase(),
  };
}
