import 'server-only';
import type { CheckoutLineItem } from '@prood/checkout';

/**
 * What the shopper pays for on a payment link: its one line. An order's lines come from the
 * commerce API, which owns them (`fetchCheckoutOrderPayment`).
 */
export function linesForLink(snapshot: { description: string | null; amount: number }): {
  mode: 'payment';
  lineItems: CheckoutLineItem[];
} {
  return {
    mode: 'payment',
    lineItems: [
      { name: snapshot.description ?? 'Payment', unitAmount: snapshot.amount, quantity: 1 },
    ],
  };
}
