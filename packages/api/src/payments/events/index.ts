import type { NormalizedPaymentEvent, NormalizedPaymentEventType } from '@prood/checkout';
import { applyCheckoutExpired } from './checkout-expired';
import type { AppliedEffect, EventContext, EventHandler } from './context';
import { applyPaymentFailed } from './payment-failed';
import { applyPaymentPending } from './payment-processing';
import { applyPaymentSucceeded } from './payment-succeeded';
import { applyRefundSucceeded } from './refund-succeeded';
import { applySubscriptionChanged } from './subscription-changed';

export type { AppliedEffect, EventContext } from './context';

/** One handler per normalized event type; the `satisfies` makes a new type impossible to forget. */
const HANDLERS = {
  'payment.succeeded': applyPaymentSucceeded,
  'payment.failed': applyPaymentFailed,
  'payment.processing': applyPaymentPending,
  'payment.requires_action': applyPaymentPending,
  'checkout.expired': applyCheckoutExpired,
  'refund.succeeded': applyRefundSucceeded,
  'subscription.created': applySubscriptionChanged,
  'subscription.updated': applySubscriptionChanged,
  'subscription.deleted': applySubscriptionChanged,
} satisfies {
  [T in NormalizedPaymentEventType]: EventHandler<Extract<NormalizedPaymentEvent, { type: T }>>;
};

/**
 * Applies normalized events, in order, inside the caller's transaction. Each handler locks the
 * order row it touches and moves it with a compare-and-swap; effects are logged once.
 *
 * @example
 * await db.transaction((tx) => applyPaymentEvents({ tx, tenantId, provider: 'sandbox', eventKey, jobs }, parsed.events));
 */
export async function applyPaymentEvents(
  ctx: EventContext,
  events: readonly NormalizedPaymentEvent[],
): Promise<AppliedEffect[]> {
  const applied: AppliedEffect[] = [];
  for (const event of events) {
    const handler = HANDLERS[event.type] as EventHandler<NormalizedPaymentEvent>;
    applied.push(await handler(ctx, event));
  }
  return applied;
}
