import { CheckoutSession, type CheckoutSnapshot } from '@prood/checkout';

/** Which view the shopper's page shows. */
export type CheckoutPageState = 'paid' | 'processing' | 'failed' | 'open' | 'expired';

/**
 * The page follows the order, not the last event the session saw: a paid order shows the paid
 * view even when the provider's expiry reached the session before its payment did, and while
 * the session store is down the API's answer is all there is. The session decides only while
 * the order is unpaid. `order` is the API's view (null for a payment link or an unknown order).
 *
 * @example
 * checkoutPageState(expiredSnapshot, { paid: true, canceled: false }) // 'paid'
 */
export function checkoutPageState(
  snapshot: CheckoutSnapshot | null,
  order: { paid: boolean; canceled: boolean } | null,
  options: { now?: () => Date } = {},
): CheckoutPageState {
  if (order?.paid) return 'paid';
  if (order?.canceled) return 'expired';
  if (!snapshot) return 'expired';
  const session = CheckoutSession.hydrate(snapshot, options.now ? { now: options.now } : {});
  // the session saw a success the API has not recorded yet (payment links have no order)
  if (session.state === 'complete') return order ? 'processing' : 'paid';
  if (session.state === 'confirming') return 'processing';
  if (session.state === 'failed') return 'failed';
  if (session.status === 'expired') return 'expired';
  return 'open';
}
