import {
  closeCartForOrder,
  type Executor,
  getOrder,
  getOrganization,
  insertOrder,
  insertOrderItems,
  type ListOrdersFilter,
  listCartItems,
  listCouponCodes,
  listItemsOfOrders,
  listOrderItems,
  listOrders,
  lockCart,
  type NewOrder,
  newOrderReference,
  type Order,
  type OrderItem,
} from '@prood/db';
import { newId } from '@prood/validators';
import { ApiError, notFound } from '../errors';
import { emitEvent } from '../events/emit';
import { cancelUnpaidOrder, isCancelableUnpaid } from '../payments/cancel-order';
import { lockOrder } from '../payments/order-effects';
import type { CreateOrderInput, OrderResource } from '../schemas';
import type { CheckoutAppClient } from './checkout-app-client';
import type { TenantContext } from './context';
import { type LineItemRequest, type ResolvedLineItem, resolveLineItems } from './line-items';
import { priceOrder } from './pricing';
import { assertAllowedRedirect } from './redirects';

export interface OrderWithItems {
  order: Order;
  items: OrderItem[];
  couponCode: string | null;
}

/** How many times to draw a fresh `#XXXXXXXX` when one is taken (≈ never more than once). */
const REFERENCE_ATTEMPTS = 5;

/**
 * Inserts an order under a fresh `#XXXXXXXX` reference, drawing again on the rare collision. A
 * taken reference writes nothing (`ON CONFLICT DO NOTHING`), so the caller's transaction goes on
 * without a savepoint.
 */
export async function insertOrderWithReference(
  tx: Executor,
  tenantId: string,
  order: Omit<NewOrder, 'reference'>,
): Promise<Order> {
  for (let attempt = 1; ; attempt += 1) {
    const row = await insertOrder(tx, {
      tenantId,
      order: { ...order, reference: newOrderReference() },
    });
    if (row) return row;
    if (attempt >= REFERENCE_ATTEMPTS) {
      throw new Error(`no free order reference after ${REFERENCE_ATTEMPTS} attempts`);
    }
  }
}

/**
 * Every product of an order must allow its fulfilment method: a download cannot be shipped, a
 * product sold for pickup only cannot be posted.
 */
function assertFulfillmentAllowed(
  lines: readonly ResolvedLineItem[],
  method: CreateOrderInput['fulfillment']['method'],
): void {
  const refused = lines.find((line) => !line.product.fulfillmentMethods.includes(method));
  if (!refused) return;
  throw new ApiError(
    'validation_error',
    `“${refused.product.name}” cannot be fulfilled by ${method.replace('_', ' ')}; it allows ${refused.product.fulfillmentMethods.join(', ')}.`,
    {
      field: 'fulfillment.method',
      productId: refused.product.id,
      allowed: refused.product.fulfillmentMethods,
    },
  );
}

/**
 * Creates a PENDING order from a cart or a list of items. Every amount is computed here from
 * the tenant's own prices, coupon and tax rate; anything the client sends about money is
 * ignored. Order, items and the cart's closure are written in one transaction.
 */
export async function createOrder(
  ctx: TenantContext,
  input: CreateOrderInput,
  origin: { paymentLinkId?: string } = {},
): Promise<OrderWithItems> {
  // what does not depend on a locked cart is read before the transaction, all at once, so the
  // transaction (and its pooled connection) lasts only as long as its writes
  const [organization, itemLines] = await Promise.all([
    getOrganization(ctx.db, { tenantId: ctx.tenantId }),
    input.cartId
      ? Promise.resolve(null)
      : resolveLineItems(ctx.db, ctx.tenantId, input.items ?? []),
  ]);
  if (!organization) throw notFound('account');
  const returnUrl = input.returnUrl
    ? assertAllowedRedirect('returnUrl', input.returnUrl, organization.allowedOrigins)
    : null;
  const cancelUrl = input.cancelUrl
    ? assertAllowedRedirect('cancelUrl', input.cancelUrl, organization.allowedOrigins)
    : null;
  const email = input.customer.email.toLowerCase();
  const country = input.customer.address?.country ?? input.customer.country ?? null;
  const price = (db: Executor, lines: readonly ResolvedLineItem[]) => {
    assertFulfillmentAllowed(lines, input.fulfillment.method);
    const currency = lines[0]?.price.currency ?? organization.defaultCurrency;
    return priceOrder(db, {
      tenantId: ctx.tenantId,
      currency,
      lines: lines.map((l) => ({ unitAmount: l.price.unitAmount, quantity: l.quantity })),
      couponCode: input.couponCode ?? null,
      email,
      country,
      shippingRateId: null,
    }).then((priced) => ({ ...priced, currency }));
  };
  const itemsPriced = itemLines ? await price(ctx.db, itemLines) : null;

  const placeOrder = () =>
    ctx.db.transaction(async (tx) => {
      let lines: readonly ResolvedLineItem[];
      let priced: Awaited<ReturnType<typeof price>>;
      if (input.cartId) {
        const cart = await lockCart(tx, { tenantId: ctx.tenantId, cartId: input.cartId });
        if (!cart) throw new ApiError('not_found', 'No such cart.', { field: 'cartId' });
        if (cart.orderId)
          throw new ApiError('cart_closed', 'This cart has already been ordered.', {
            field: 'cartId',
          });
        if (cart.expiresAt <= new Date())
          throw new ApiError('cart_closed', 'This cart has expired.', { field: 'cartId' });
        const rows = await listCartItems(tx, { tenantId: ctx.tenantId, cartId: cart.id });
        if (rows.length === 0)
          throw new ApiError('validation_error', 'The cart is empty.', { field: 'cartId' });
        const requested: LineItemRequest[] = rows.map((r) => ({
          priceId: r.priceId,
          quantity: r.quantity,
        }));
        lines = await resolveLineItems(tx, ctx.tenantId, requested);
        priced = await price(tx, lines);
      } else if (itemLines && itemsPriced) {
        lines = itemLines;
        priced = itemsPriced;
      } else {
        throw new Error('unreachable: an order names a cart or items');
      }
      const { totals, coupon, taxRate, currency } = priced;

      const orderId = newId('order');
      // the order and its lines in one round trip (the lines name the id drawn here); a reference
      // already taken in the tenant (≈ never) inserts no order, the lines then fail their foreign
      // key, and the whole transaction is tried again with a fresh reference
      const [placed, lined] = await Promise.allSettled([
        insertOrder(tx, {
          tenantId: ctx.tenantId,
          order: {
            reference: newOrderReference(),
            id: orderId,
            status: 'PENDING',
            currency,
            subtotal: totals.subtotal,
            discountTotal: totals.discountTotal,
            taxTotal: totals.taxTotal,
            total: totals.total,
            customer: { ...input.customer, email },
            customerEmail: email,
            fulfillment: input.fulfillment.method,
            appointmentAt: input.fulfillment.appointmentAt
              ? new Date(input.fulfillment.appointmentAt)
              : null,
            couponId: coupon?.id ?? null,
            returnUrl,
            cancelUrl,
            paymentLinkId: origin.paymentLinkId ?? null,
          },
        }),
        insertOrderItems(tx, {
          tenantId: ctx.tenantId,
          items: lines.map((line, i) => {
            const t = totals.lines[i];
            if (!t) throw new Error('totals and lines differ in length');
            return {
              orderId,
              productId: line.product.id,
              priceId: line.price.id,
              title: line.product.name,
              unitAmount: line.price.unitAmount,
              quantity: line.quantity,
              lineSubtotal: t.subtotal,
              lineDiscount: t.discount,
              lineTax: t.tax,
              lineTotal: t.total,
              taxRateBps: taxRate?.rateBps ?? 0,
              taxInclusive: taxRate?.inclusive ?? false,
            };
          }),
        }),
      ]);
      if (placed.status === 'rejected') throw placed.reason;
      const order = placed.value;
      if (!order) throw new ReferenceTaken();
      if (lined.status === 'rejected') throw lined.reason;
      const items = lined.value;

      if (input.cartId) {
        const closed = await closeCartForOrder(tx, {
          tenantId: ctx.tenantId,
          cartId: input.cartId,
          orderId,
        });
        if (!closed) throw new ApiError('cart_closed', 'This cart has already been ordered.');
      }
      const created = { order, items, couponCode: coupon?.code ?? null };
      await emitEvent(tx, {
        tenantId: ctx.tenantId,
        type: 'order.created',
        object: toOrderResource(created),
        dedupeKey: `order.created:${orderId}`,
      });
      ctx.logger.info({ orderId, total: totals.total, currency }, 'order created');
      return created;
    });
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await placeOrder();
    } catch (error) {
      if (!(error instanceof ReferenceTaken)) throw error;
      if (attempt >= REFERENCE_ATTEMPTS) {
        throw new Error(`no free order reference after ${REFERENCE_ATTEMPTS} attempts`);
      }
    }
  }
}

/** The order reference drawn was already taken in the tenant: nothing was written. */
class ReferenceTaken extends Error {}

async function couponCodeOf(db: Executor, order: Order): Promise<string | null> {
  if (!order.couponId) return null;
  const [row] = await listCouponCodes(db, {
    tenantId: order.tenantId,
    couponIds: [order.couponId],
  });
  return row?.code ?? null;
}

export async function getOrderWithItems(
  ctx: TenantContext,
  orderId: string,
): Promise<OrderWithItems> {
  const order = await getOrder(ctx.db, { tenantId: ctx.tenantId, orderId });
  if (!order) throw notFound('order');
  const [items, couponCode] = await Promise.all([
    listOrderItems(ctx.db, { tenantId: ctx.tenantId, orderId }),
    couponCodeOf(ctx.db, order),
  ]);
  return { order, items, couponCode };
}

export async function listOrdersWithItems(
  ctx: TenantContext,
  filter: Omit<ListOrdersFilter, 'tenantId'>,
): Promise<OrderWithItems[]> {
  const rows = await listOrders(ctx.db, { ...filter, tenantId: ctx.tenantId });
  if (rows.length === 0) return [];
  const items = await listItemsOfOrders(ctx.db, {
    tenantId: ctx.tenantId,
    orderIds: rows.map((r) => r.id),
  });
  const couponIds = [...new Set(rows.flatMap((r) => (r.couponId ? [r.couponId] : [])))];
  const codes = couponIds.length
    ? await listCouponCodes(ctx.db, { tenantId: ctx.tenantId, couponIds })
    : [];
  return rows.map((order) => ({
    order,
    items: items.filter((i) => i.orderId === order.id),
    couponCode: codes.find((c) => c.id === order.couponId)?.code ?? null,
  }));
}

/** Rounds of canceling a session that a concurrent checkout start opened meanwhile. */
const CANCEL_ROUNDS = 3;

/**
 * Cancels an unpaid order. Its open checkout session is canceled first (and the provider's
 * session expired where there is one), so nobody can start paying it; only then does the order
 * move, under its row lock, if it still has the session that was canceled. A paid order is never
 * canceled (409). A payment that still lands later is real money: PAID with `needsReview`.
 */
export async function cancelOrder(
  ctx: TenantContext & { checkoutApp: CheckoutAppClient },
  orderId: string,
): Promise<OrderWithItems> {
  const scope = { tenantId: ctx.tenantId, orderId };
  for (let round = 0; round < CANCEL_ROUNDS; round += 1) {
    const current = await getOrder(ctx.db, scope);
    if (!current) throw notFound('order');
    if (current.status === 'CANCELED') return getOrderWithItems(ctx, orderId);
    if (!isCancelableUnpaid(current)) throw notCancelable(current);
    if (current.checkoutSessionId) {
      const result = await ctx.checkoutApp.cancelSession(ctx.tenantId, current.checkoutSessionId);
      if (result.outcome === 'complete') {
        throw new ApiError('conflict', 'A payment for this order is being confirmed.', {
          status: current.status,
        });
      }
    }
    const outcome = await ctx.db.transaction(async (tx) => {
      const order = await lockOrder(tx, scope);
      if (!order) throw notFound('order');
      if (order.checkoutSessionId !== current.checkoutSessionId) return 'retry' as const;
      if (order.status === 'CANCELED') return 'done' as const;
      if (!isCancelableUnpaid(order)) throw notCancelable(order);
      await cancelUnpaidOrder(tx, order, { reason: 'canceled by the merchant' });
      return 'done' as const;
    });
    if (outcome === 'done') return getOrderWithItems(ctx, orderId);
  }
  throw new ApiError('conflict', 'The order kept changing; try again.');
}

function notCancelable(order: Order): ApiError {
  return new ApiError('conflict', `An order in status ${order.status} cannot be canceled.`, {
    status: order.status,
  });
}

/** The public JSON shape of an order. */
export function toOrderResource({ order, items, couponCode }: OrderWithItems): OrderResource {
  return {
    id: order.id,
    object: 'order',
    reference: order.reference,
    status: order.status,
    currency: order.currency,
    subtotal: order.subtotal,
    discountTotal: order.discountTotal,
    taxTotal: order.taxTotal,
    shippingTotal: order.shippingTotal,
    total: order.total,
    amountPaid: order.amountPaid,
    amountRefunded: order.amountRefunded,
    couponCode,
    customer: order.customer,
    fulfillment: {
      method: order.fulfillment,
      appointmentAt: order.appointmentAt?.toISOString() ?? null,
    },
    returnUrl: order.returnUrl,
    cancelUrl: order.cancelUrl,
    shippingRateId: order.shippingRateId,
    checkoutSessionId: order.checkoutSessionId,
    needsReview: order.needsReview,
    items: items.map((i) => ({
      id: i.id,
      productId: i.productId,
      priceId: i.priceId,
      title: i.title,
      unitAmount: i.unitAmount,
      quantity: i.quantity,
      subtotal: i.lineSubtotal,
      discount: i.lineDiscount,
      tax: i.lineTax,
      total: i.lineTotal,
    })),
    createdAt: order.createdAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
  };
}
