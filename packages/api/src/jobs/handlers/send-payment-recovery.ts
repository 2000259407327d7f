import { formatMinorUnits } from '@prood/checkout';
import type { Database, Order } from '@prood/db';
import { lockOrder, logOrderEffect } from '../../payments/order-effects';
import type { Mailer } from '../mailer';
import type { OrderJobData } from '../queues';

/** Where the shopper goes to pay again; the link starts a new checkout attempt for the order. */
export type RecoveryUrl = (order: Order) => string;

/**
 * Mails "your payment did not go through" with a link that starts a new attempt, once per
 * attempt, and only if the order is still FAILED on that attempt when the job runs.
 */
export async function sendPaymentRecovery(
  db: Database,
  mailer: Mailer,
  recoveryUrl: RecoveryUrl,
  data: OrderJobData & { attempt: number },
): Promise<'sent' | 'skipped'> {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, data);
    // the shopper retried and paid, or started another attempt meanwhile: nothing to recover
    if (order?.status !== 'FAILED' || order.attempt !== data.attempt) return 'skipped';
    const first = await logOrderEffect(tx, {
      ...data,
      event: `mail:payment_recovery:${data.attempt}`,
    });
    if (!first) return 'skipped';
    await mailer.send(tx, {
      tenantId: order.tenantId,
      kind: 'payment_recovery',
      orderId: order.id,
      to: order.customerEmail,
      subject: `Your payment for order ${order.reference} did not go through`,
      text: [
        `Hello ${order.customer.name},`,
        `your payment of ${formatMinorUnits(order.total, order.currency)} for order ${order.reference} failed.`,
        `You can try again here: ${recoveryUrl(order)}`,
      ].join('\n'),
    });
    return 'sent';
  });
}
