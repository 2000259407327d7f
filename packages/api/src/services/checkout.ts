import type { CheckoutLineItem } from '@prood/checkout';
import type { Executor } from '@prood/db';
import { isPaidStatus, listOrderItems, type OrderItem, type Price, scoped } from '@prood/db';
import { orders, prices } from '@prood/db/schema';
import { eq, inArray } from 'drizzle-orm';
import { ApiError, notFound } from '../errors';
import type { RestContext } from '../rest/endpoint';
import type { CheckoutSessionInfo } from './checkout-app-client';

/**
 * What the provider shows for one order line. Line totals already include discount and tax, so
 * the provider's sum equals the order total; a line whose total does not divide evenly by its
 * quantity is sent as one unit named "title × quantity".
 */
function toCheckoutLineItem(item: OrderItem, price: Price | undefined): CheckoutLineItem {
  const even = item.lineTotal % item.quantity === 0;
  return {
    name: even ? item.title : `${item.title} × ${item.quantity}`,
    unitAmount: even ? item.lineTotal / item.quantity : item.lineTotal,
    quantity: even ? item.quantity : 1,
    ...(price?.type === 'recurring' && price.recurringInterval
      ? {
          recurring: {
            interval: price.recurringInterval,
            intervalCount: price.recurringIntervalCount ?? 1,
          },
        }
      : {}),
  };
}

/**
 * What a provider is asked to charge for an order: its lines (totals from the database) and
 * whether it is a subscription. Used when the shopper starts paying on the checkout app.
 */
export async function checkoutLinesForOrder(
  db: Executor,
  scope: { tenantId: string; orderId: string },
): Promise<{ mode: 'payment' | 'subscription'; lineItems: CheckoutLineItem[] }> {
  const items = await listOrderItems(db, scope);
  const priceRows = items.length
    ? await db
        .select()
        .from(prices)
        .where(
          scoped(
            prices,
            scope,
            inArray(
              prices.id,
              items.map((i) => i.priceId),
            ),
          ),
        )
    : [];
  return {
    mode: priceRows.some((p) => p.type === 'recurring') ? 'subscription' : 'payment',
    lineItems: items.map((item) =>
      toCheckoutLineItem(
        item,
        priceRows.find((p) => p.id === item.priceId),
      ),
    ),
  };
}

/**
 * Starts (or resumes) checkout for an order. The order row is locked for the duration, so
 * concurrent calls for one order serialise: an open session is returned again, a completed one
 * answers 409 `order_already_paid`, an expired or failed one starts a new attempt. The amount
 * and currency always come from the order.
 */
export async function startCheckout(
  ctx: RestContext,
  orderId: string,
  options: { provider?: string | undefined; flow?: 'hosted' | 'embedded' | undefined },
): Promise<CheckoutSessionInfo & { orderId: string }> {
  return ctx.db.transaction(async (tx) => {
    const [order] = await tx
      .select()
      .from(orders)
      .where(scoped(orders, ctx, eq(orders.id, orderId)))
      .for('update');
    if (!order) throw notFound('order');
    if (isPaidStatus(order.status)) {
      throw new ApiError('order_already_paid', 'This order has already been paid.', {
        status: order.status,
      });
    }
    if (order.status === 'CANCELED') {
      throw new ApiError('order_not_payable', 'This order was canceled; create a new order.');
    }

    if (order.checkoutSessionId) {
      const existing = await ctx.checkoutApp.getSession(ctx.tenantId, order.checkoutSessionId);
      if (
        existing?.status === 'open' &&
        (!options.provider || options.provider === order.provider)
      ) {
        return { ...existing, orderId };
      }
      if (existing?.status === 'complete' && existing.paymentStatus !== 'unpaid') {
        throw new ApiError('order_already_paid', 'This order has already been paid.');
      }
      if (existing?.status === 'complete') {
        throw new ApiError(
          'order_not_payable',
          'A payment for this order is still being processed.',
        );
      }
    }

    const attempt = order.attempt + 1;
    const session = await ctx.checkoutApp.createSession({
      tenantId: ctx.tenantId,
      orderId,
      attempt,
      amount: order.total,
      currency: order.currency,
      customerInfo: {
        name: order.customer.name,
        email: order.customer.email,
        phone: order.customer.phone ?? null,
      },
      fulfillment: {
        method: order.fulfillment,
        address: order.customer.address ?? null,
        appointmentAt: order.appointmentAt?.toISOString() ?? null,
      },
      returnUrl: order.returnUrl,
      provider: options.provider,
      flow: options.flow,
    });
    await tx
      .update(orders)
      .set({
        checkoutSessionId: session.id,
        attempt,
        provider: options.provider ?? order.provider,
        // a new attempt after a failure: FAILED → PENDING
        ...(order.status === 'FAILED' ? { status: 'PENDING' as const } : {}),
      })
      .where(scoped(orders, ctx, eq(orders.id, orderId)));
    ctx.logger.info({ orderId, sessionId: session.id, attempt }, 'checkout started');
    return { ...session, orderId };
  });
}
