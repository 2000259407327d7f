import type { Database, Order } from '@prood/db';
import { emitCheckoutExpired, transitionOrder } from '../events/emit';
import { lockOrder, logOrderEffect } from './order-effects';
import { decideCheckoutExpired } from './order-rules';

export interface AbandonedCheckout {
  tenantId: string;
  /** Our checkout session id (`cs_…`) that expired unpaid. */
  sessionId: string;
  orderId: string;
}

/**
 * Called for each session the checkout app's expiry sweep reports: cancels the order if that
 * session was its current attempt and it was never paid. Idempotent; a paid order, an older
 * attempt or an already-canceled order is left as it is.
 *
 * @example
 * await markCheckoutAbandoned(db, { tenantId: 'org_…', sessionId: 'cs_…', orderId: 'ord_…' }); // { outcome: 'canceled', order }
 */
export async function markCheckoutAbandoned(
  db: Database,
  input: AbandonedCheckout,
): Promise<{ outcome: 'canceled' | 'unchanged' | 'not_found'; order?: Order }> {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, input);
    if (!order) return { outcome: 'not_found' as const };
    if (decideCheckoutExpired(order, input.sessionId) === 'ignore') {
      return { outcome: 'unchanged' as const, order };
    }
    await emitCheckoutExpired(tx, order, input.sessionId);
    const canceled = await transitionOrder(tx, {
      tenantId: input.tenantId,
      orderId: input.orderId,
      from: [order.status],
      to: 'CANCELED',
      set: { canceledAt: new Date() },
    });
    if (!canceled) throw new Error(`order ${input.orderId} changed while locked`);
    await logOrderEffect(tx, {
      tenantId: input.tenantId,
      orderId: input.orderId,
      event: 'canceled',
      details: { reason: 'checkout abandoned', sessionId: input.sessionId },
    });
    return { outcome: 'canceled' as const, order: canceled };
  });
}
