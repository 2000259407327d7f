import {
  NORMALIZED_PAYMENT_EVENT_TYPES,
  type NormalizedPaymentEvent,
  ProviderError,
} from '@prood/checkout';
import { z } from 'zod';

/**
 * The JSON body the sandbox posts to the checkout app. Event types use the platform's own
 * vocabulary; `livemode` is always false: the sandbox is test mode everywhere.
 */
export const sandboxEventSchema = z.object({
  id: z.string().regex(/^evt_sbx_[0-9A-Za-z]+$/),
  object: z.literal('event'),
  type: z.enum(NORMALIZED_PAYMENT_EVENT_TYPES),
  created: z.number().int().positive(),
  livemode: z.literal(false),
  tenant_id: z.string().min(1),
  data: z.object({
    session_id: z.string().optional(),
    payment_id: z.string().optional(),
    checkout_session_id: z.string().optional(),
    order_id: z.string().optional(),
    amount: z.number().int().nonnegative(),
    currency: z.string().length(3),
    failure_code: z.string().optional(),
    failure_message: z.string().optional(),
    refund_id: z.string().optional(),
    amount_refunded: z.number().int().nonnegative().optional(),
    customer_id: z.string().optional(),
    subscription: z
      .object({
        id: z.string(),
        status: z.enum(['active', 'canceled']),
        current_period_start: z.number().int(),
        current_period_end: z.number().int(),
        cancel_at_period_end: z.boolean(),
      })
      .optional(),
  }),
});

export type SandboxEvent = z.infer<typeof sandboxEventSchema>;
export type SandboxEventData = SandboxEvent['data'];

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * Maps a verified sandbox event onto the normalized event it stands for.
 *
 * @example
 * mapSandboxEvent(event) // [{ type: 'payment.succeeded', provider: 'sandbox', … }]
 */
export function mapSandboxEvent(event: SandboxEvent): NormalizedPaymentEvent[] {
  const { data } = event;
  const base = {
    tenantId: event.tenant_id,
    provider: 'sandbox',
    providerEventId: event.id,
    occurredAt: iso(event.created),
    orderId: data.order_id,
    checkoutSessionId: data.checkout_session_id,
    providerSessionId: data.session_id,
    providerPaymentId: data.payment_id,
    amount: data.amount,
    currency: data.currency.toUpperCase(),
  };
  const subscription = data.subscription;
  switch (event.type) {
    case 'payment.succeeded':
      return [
        {
          ...base,
          type: event.type,
          providerCustomerId: data.customer_id,
          providerSubscriptionId: subscription?.id,
        },
      ];
    case 'payment.failed':
      return [
        {
          ...base,
          type: event.type,
          failureCode: data.failure_code,
          failureMessage: data.failure_message,
        },
      ];
    case 'payment.requires_action':
    case 'payment.processing':
    case 'checkout.expired':
      return [{ ...base, type: event.type }];
    case 'refund.succeeded':
      return [
        {
          ...base,
          type: event.type,
          providerRefundId: data.refund_id,
          amountRefundedTotal: data.amount_refunded ?? data.amount,
        },
      ];
    case 'subscription.created':
    case 'subscription.updated':
    case 'subscription.deleted': {
      if (!subscription) {
        throw new ProviderError('webhook_payload_invalid', `${event.type} has no subscription`, {
          provider: 'sandbox',
        });
      }
      return [
        {
          ...base,
          type: event.type,
          providerSubscriptionId: subscription.id,
          providerCustomerId: data.customer_id,
          status: subscription.status,
          currentPeriodStart: iso(subscription.current_period_start),
          currentPeriodEnd: iso(subscription.current_period_end),
          cancelAtPeriodEnd: subscription.cancel_at_period_end,
        },
      ];
    }
  }
}
