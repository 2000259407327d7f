import type Stripe from 'stripe';
import { eventCommon, idOf, type StripeEventHandler, sessionFields } from './shared';

/** Paid (or nothing to pay) → succeeded; unpaid means an async method is still settling. */
export const checkoutSessionCompleted: StripeEventHandler<Stripe.CheckoutSessionCompletedEvent> = (
  event,
  context,
) => {
  const session = event.data.object;
  const base = { ...eventCommon(event, context), ...sessionFields(session) };
  if (session.payment_status === 'unpaid') return [{ ...base, type: 'payment.processing' }];
  return [
    {
      ...base,
      type: 'payment.succeeded',
      providerCustomerId: idOf(session.customer),
      providerSubscriptionId: idOf(session.subscription),
    },
  ];
};
