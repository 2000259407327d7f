import type { Database } from '@prood/db';
import { lockOrder, logOrderEffect } from '../../payments/order-effects';
import type { Mailer } from '../mailer';
import type { OrderJobData } from '../queues';

/**
 * Tells the shopper their order is on its way (carrier, tracking number and link when the
 * merchant gave them), once per order: the fulfilment-log row and the outbox row commit
 * together, so a retried job never mails twice.
 */
export async function sendShipmentNotification(
  db: Database,
  mailer: Mailer,
  data: OrderJobData,
): Promise<'sent' | 'skipped'> {
  return db.transaction(async (tx) => {
    const scope = { tenantId: data.tenantId, orderId: data.orderId };
    const order = await lockOrder(tx, scope);
    // fulfilled once (a refund since may have moved the status on: the parcel still left)
    if (!order?.fulfilledAt) return 'skipped';
    // an invoice link's order has no address to write to
    if (!order.customerEmail) return 'skipped';
    if (!(await logOrderEffect(tx, { ...scope, event: 'mail:order_shipped' }))) return 'skipped';
    const tracking = order.trackingNumber
      ? [
          `Carrier: ${order.shipmentCarrier ?? ''}`,
          `Tracking number: ${order.trackingNumber}`,
          ...(order.trackingUrl ? [`Track it: ${order.trackingUrl}`] : []),
        ]
      : [];
    const shipped = order.fulfillment === 'shipping';
    await mailer.send(tx, {
      tenantId: order.tenantId,
      kind: 'order_shipped',
      orderId: order.id,
      to: order.customerEmail,
      subject: shipped
        ? `Your order ${order.reference} is on its way`
        : `Your order ${order.reference} is fulfilled`,
      text: [
        `Hello ${order.customer.name},`,
        shipped
          ? `Your order ${order.reference} has shipped.`
          : `Your order ${order.reference} has been fulfilled.`,
        ...(tracking.length ? ['', ...tracking] : []),
      ].join('\n'),
    });
    return 'sent';
  });
}
