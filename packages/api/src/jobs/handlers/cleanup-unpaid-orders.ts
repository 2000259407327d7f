import {
  type Database,
  listExpiredUnpaidOrders,
  pruneWebhookRejections,
  WEBHOOK_REJECTION_RETENTION_DAYS,
} from '@prood/db';
import { cancelUnpaidOrder } from '../../payments/cancel-order';
import { lockOrder } from '../../payments/order-effects';

/**
 * Cancels orders that stayed unpaid (PENDING or FAILED, nothing paid, no payment still
 * processing) for longer than their tenant's unpaid-order lifetime (default 24 h). Until then
 * an order whose session expired stays payable through a new session. A sweep over all tenants
 * by nature; each order is then locked and canceled within its own tenant scope. The full
 * sweep also deletes refused provider deliveries older than 30 days (their retention).
 */
export async function cleanupUnpaidOrders(
  db: Database,
  options: {
    batchSize?: number;
    now?: Date;
    /** Limit the sweep to one tenant (the dashboard's "clean up now"); default all. */
    tenantId?: string;
  } = {},
): Promise<{ canceled: number; prunedRejections: number }> {
  const now = options.now ?? new Date();
  const candidates = await listExpiredUnpaidOrders(db, {
    now,
    limit: options.batchSize ?? 500,
    ...(options.tenantId ? { tenantId: options.tenantId } : {}),
  });
  let canceled = 0;
  for (const candidate of candidates) {
    const done = await db.transaction(async (tx) => {
      const order = await lockOrder(tx, { tenantId: candidate.tenantId, orderId: candidate.id });
      if (!order) return undefined;
      return cancelUnpaidOrder(tx, order, { reason: 'unpaid too long' });
    });
    if (done) canceled += 1;
  }
  const prunedRejections = options.tenantId
    ? 0
    : await pruneWebhookRejections(db, {
        olderThan: new Date(now.getTime() - WEBHOOK_REJECTION_RETENTION_DAYS * 24 * 60 * 60 * 1000),
      });
  return { canceled, prunedRejections };
}
