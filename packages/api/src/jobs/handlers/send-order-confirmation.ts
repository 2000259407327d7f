import { formatMinorUnits } from '@prood/checkout';
import type { Database } from '@prood/db';
import { lockOrder, logOrderEffect } from '../../payments/order-effects';
import type { Mailer } from '../mailer';
import type { OrderJobData } from '../queues';

/**
 * Mails the order confirmation, once per order (and once per merchant resend, `resend`): the
 * fulfilment-log row and the outbox row commit together, so a retried job never sends a
 * second copy.
 */
export async function sendOrderConfirmation(
  db: Database,
  mailer: Mailer,
  data: OrderJobData & { resend?: number | undefined },
): Promise<'sent' | 'skipped'> {
  return db.transaction(async (tx) => {
    const scope = { tenantId: data.tenantId, orderId: data.orderId };
    const order = await lockOrder(tx, scope);
    // an invoice link's order has no address to write to: its page asks the shopper for none
    if (!order?.customerEmail) return 'skipped';
    const event = data.resend
      ? `mail:order_confirmation:resend:${data.resend}`
      : 'mail:order_confirmation';
    if (!(await logOrderEffect(tx, { ...scope, event }))) return 'skipped';
    const lines = (order.snapshot?.items ?? []).map(
      (item) => `${item.quantity} × ${item.title}  ${formatMinorUnits(item.total, order.currency)}`,
    );
    await mailer.send(tx, {
      tenantId: order.tenantId,
      kind: 'order_confirmation',
      orderId: order.id,
      to: order.customerEmail,
      subject: `Your order ${order.reference} is confirmed`,
      text: [
        `Thank you, ${order.customer.name}.`,
        `We received your payment of ${formatMinorUnits(order.amountPaid, order.currency)} for order ${order.reference}.`,
        '',
        ...lines,
        '',
        `Total: ${formatMinorUnits(order.total, order.currency)}`,
      ].join('\n'),
    });
    return 'sent';
  });
}
