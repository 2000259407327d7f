import type { PaymentEventBase } from '@prood/checkout';
import { insertOrderItems, lockInvoiceLink, type Order } from '@prood/db';
import { isId, newId } from '@prood/validators';
import { emitEvent } from '../events/emit';
import { insertOrderWithReference, toOrderResource } from '../services/orders';
import type { EventContext } from './events/context';
import { findOrderIdForEvent, lockOrder } from './order-effects';

/**
 * The order an invoice link's payment pays, created the first time a payment of the link
 * arrives, in the transaction that applies it. The link's row is locked first, so concurrent
 * payments of one link queue: the first creates the order, every later one finds it (and is a
 * duplicate or a second payment of a paid order, flagged for review). The order has one line
 * without a product (the link's description and amount), is delivered digitally, and its
 * checkout session is the link's `cs_link_…` id, so every later event of that session (refunds,
 * reconciliation) finds it like any other order's. Undefined when the event is not about an
 * invoice link of this tenant (e.g. a link made before links were rows).
 *
 * @example
 * const order = (await lockEventOrder(ctx, event)) ?? (await openInvoiceLinkOrder(ctx, event));
 */
export async function openInvoiceLinkOrder(
  ctx: EventContext,
  event: PaymentEventBase,
): Promise<Order | undefined> {
  const linkId = event.checkoutSessionId;
  if (!linkId || !isId('paymentLink', linkId)) return undefined;
  const link = await lockInvoiceLink(ctx.tx, { tenantId: ctx.tenantId, linkId });
  if (!link?.amount || !link.currency) return undefined;
  // a concurrent payment of the link may have created it while we waited for the lock
  const existing = await findOrderIdForEvent(ctx.tx, ctx.tenantId, {
    checkoutSessionId: linkId,
    provider: ctx.provider,
  });
  if (existing) return lockOrder(ctx.tx, { tenantId: ctx.tenantId, orderId: existing });

  const orderId = newId('order');
  const now = new Date();
  const order = await insertOrderWithReference(ctx.tx, ctx.tenantId, {
    id: orderId,
    // a disabled link canceled its session: money that still lands is real, and waits for a
    // person like a late payment of any canceled order (PAID with needsReview, never fulfilled)
    status: link.active ? 'PENDING' : 'CANCELED',
    canceledAt: link.active ? null : link.updatedAt,
    currency: link.currency.trim(),
    subtotal: link.amount,
    total: link.amount,
    // the link's page asks the shopper for nothing: no name, no email to write to
    customer: { name: '', email: '' },
    customerEmail: '',
    fulfillment: 'digital',
    checkoutSessionId: linkId,
    paymentLinkId: linkId,
    provider: ctx.provider,
    attempt: 1,
    createdAt: now,
  });
  const items = await insertOrderItems(ctx.tx, {
    tenantId: ctx.tenantId,
    items: [
      {
        orderId,
        productId: null,
        priceId: null,
        title: link.description ?? 'Payment',
        unitAmount: link.amount,
        quantity: 1,
        lineSubtotal: link.amount,
        lineTotal: link.amount,
      },
    ],
  });
  await emitEvent(ctx.tx, {
    tenantId: ctx.tenantId,
    type: 'order.created',
    object: toOrderResource({ order, items, couponCode: null }),
    dedupeKey: `order.created:${orderId}`,
  });
  return order;
}
