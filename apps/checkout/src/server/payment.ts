import 'server-only';
import { checkoutLinesForOrder } from '@prood/api';
import type { CheckoutLineItem } from '@prood/checkout';
import { getDatabase } from '@prood/db';

/** What the shopper pays for: the order's lines from the database, or the link's one line. */
export async function linesForSession(snapshot: {
  tenantId: string;
  orderId: string | null;
  description: string | null;
  amount: number;
}): Promise<{ mode: 'payment' | 'subscription'; lineItems: CheckoutLineItem[] }> {
  if (snapshot.orderId) {
    return checkoutLinesForOrder(getDatabase(), {
      tenantId: snapshot.tenantId,
      orderId: snapshot.orderId,
    });
  }
  return {
    mode: 'payment',
    lineItems: [
      { name: snapshot.description ?? 'Payment', unitAmount: snapshot.amount, quantity: 1 },
    ],
  };
}
