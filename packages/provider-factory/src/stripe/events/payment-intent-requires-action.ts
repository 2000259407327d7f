import type Stripe from 'stripe';
import { eventCommon, intentFields, type StripeEventHandler } from './shared';

export const paymentIntentRequiresAction: StripeEventHandler<
  Stripe.PaymentIntentRequiresActionEvent
> = (event, context) => [
  {
    ...eventCommon(event, context),
    ...intentFields(event.data.object),
    type: 'payment.requires_action',
  },
];
