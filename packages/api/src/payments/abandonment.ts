import { type Database, endPaymentAttempts, type Order } from '@prood/db';
import { emitCheckoutExpired } from '../events/emit';
import { lockOrder, logOrderEffect } from './order-effects';
import { decideCheckoutExpired } from './order-rules';

export interface AbandonedCheckout {
  tenantId: string;
  /** Our checkout session id (`cs_…`) that expired unpaid. */
  sessionId: string;
  orderId: string;
}

/**
 * Called for each session the checkout app's expiry sweep reports: if that session was the
 * order's current attempt and nothing was paid, the attempt ends (logged once). The order stays
 * payable through a new session until the tenant's unpaid-order lifetime runs out. Idempotent; a
 * paid order, an older attempt or a canceled order is left as it is.
 *
 * @example
 * await markCheckoutAbandoned(db, { tenantId: 'org_…', sessionId: 'cs_…', orderId: 'ord_…' }); // { outcome: 'attempt_ended', order }
 */
export async function markCheckoutAbandoned(
  db: Database,
  input: AbandonedCheckout,
): Promise<{ outcome: 'attempt_ended' | 'unchanged' | 'not_found'; order?: Order }> {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, input);
    if (!order) return { outcome: 'not_found' as const };
    if (decideCheckoutExpired(order, input.sessionId) === 'ignore') {
      return { outcome: 'unchanged' as const, order };
    }
    const logged = await logOrderEffect(tx, {
      tenantId: input.tenantId,
      orderId: input.orderId,
      event: `attempt_expired:${order.attempt}`,
      details: { reason: 'checkout abandoned', sessionId: input.sessionId },
    });
    if (!logged) return { outcome: 'unchanged' as const, order };
    await emitCheckoutExpired(tx, order, input.sessionId);
    await endPaymentAttempts(tx, { tenantId: input.tenantId, orderId: input.orderId });
    return { outcome: 'attempt_ended' as const, order };
  });
}
