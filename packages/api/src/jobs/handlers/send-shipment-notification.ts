import type { Database } from '@prood/db';
import { lockOrder, logOrderEffect } from '../../payments/order-effects';
import type { Mailer } from '../mailer';
import type { OrderJobData } from '../queues';

/** The mail's words for each way an order reaches the shopper. */
const FULFILMENT_WORDS: Record<
  'shipping' | 'pickup' | 'local_delivery' | 'digital',
  { subject: (reference: string) => string; line: (reference: string) => string }
> = {
  shipping: {
    subject: (ref) => `Your order ${ref} is on its way`,
    line: (ref) => `Your order ${ref} has shipped.`,
  },
  pickup: {
    subject: (ref) => `Your order ${ref} was picked up`,
    line: (ref) => `Your order ${ref} was picked up. Thank you for collecting it.`,
  },
  local_delivery: {
    subject: (ref) => `Your order ${ref} was delivered`,
    line: (ref) => `Your order ${ref} was delivered to your address.`,
  },
  digital: {
    subject: (ref) => `Your order ${ref} is fulfilled`,
    line: (ref) => `Your order ${ref} has been fulfilled.`,
  },
};

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
    const words = FULFILMENT_WORDS[order.fulfillment];
    await mailer.send(tx, {
      tenantId: order.tenantId,
      kind: 'order_shipped',
      orderId: order.id,
      to: order.customerEmail,
      subject: words.subject(order.reference),
      text: [
        `Hello ${order.customer.name},`,
        words.line(order.reference),
        ...(tracking.length ? ['', ...tracking] : []),
      ].join('\n'),
    });
    return 'sent';
  });
}
