import {
  type Executor,
  getOrder,
  getOrganization,
  type ListOrdersFilter,
  listOrderItems,
  listOrders,
  newOrderReference,
  type Order,
  type OrderItem,
  scoped,
  transitionOrderStatus,
} from '@prood/db';
import { cartItems, carts, coupons, orderItems, orders } from '@prood/db/schema';
import { newId } from '@prood/validators';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { ApiError, notFound } from '../errors';
import type { CreateOrderInput, OrderResource } from '../schemas';
import type { TenantContext } from './context';
import { type LineItemRequest, resolveLineItems } from './line-items';
import { priceOrder } from './pricing';
import { assertAllowedRedirect } from './redirects';

export interface OrderWithItems {
  order: Order;
  items: OrderItem[];
  couponCode: string | null;
}

/** How many times to draw a fresh `#XXXXXXXX` when one is taken (≈ never more than once). */
const REFERENCE_ATTEMPTS = 5;

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const cause = (error as { cause?: { code?: string; constraint_name?: string } }).cause ?? error;
  const pg = cause as { code?: string; constraint_name?: string };
  return pg.code === '23505' && pg.constraint_name === constraint;
}

/**
 * Creates a PENDING order from a cart or a list of items. Every amount is computed here from
 * the tenant's own prices, coupon and tax rate; anything the client sends about money is
 * ignored. Order, items and the cart's closure are written in one transaction.
 */
export async function createOrder(
  ctx: TenantContext,
  input: CreateOrderInput,
): Promise<OrderWithItems> {
  const organization = await getOrganization(ctx.db, { tenantId: ctx.tenantId });
  if (!organization) throw notFound('account');
  const returnUrl = input.returnUrl
    ? assertAllowedRedirect('returnUrl', input.returnUrl, organization.allowedOrigins)
    : null;
  const cancelUrl = input.cancelUrl
    ? assertAllowedRedirect('cancelUrl', input.cancelUrl, organization.allowedOrigins)
    : null;

  return ctx.db.transaction(async (tx) => {
    let requested: LineItemRequest[];
    if (input.cartId) {
      const [cart] = await tx
        .select()
        .from(carts)
        .where(scoped(carts, ctx, eq(carts.id, input.cartId)))
        .for('update');
      if (!cart) throw new ApiError('not_found', 'No such cart.', { field: 'cartId' });
      if (cart.orderId)
        throw new ApiError('cart_closed', 'This cart has already been ordered.', {
          field: 'cartId',
        });
      if (cart.expiresAt <= new Date())
        throw new ApiError('cart_closed', 'This cart has expired.', { field: 'cartId' });
      const rows = await tx
        .select()
        .from(cartItems)
        .where(scoped(cartItems, ctx, eq(cartItems.cartId, cart.id)));
      if (rows.length === 0)
        throw new ApiError('validation_error', 'The cart is empty.', { field: 'cartId' });
      requested = rows.map((r) => ({ priceId: r.priceId, quantity: r.quantity }));
    } else {
      requested = input.items ?? [];
    }

    const lines = await resolveLineItems(tx, ctx.tenantId, requested);
    const currency = lines[0]?.price.currency ?? organization.defaultCurrency;
    const email = input.customer.email.toLowerCase();
    const plain = lines.map((l) => ({ unitAmount: l.price.unitAmount, quantity: l.quantity }));

    const country = input.customer.address?.country ?? input.customer.country ?? null;
    const { totals, coupon, taxRate } = await priceOrder(tx, {
      tenantId: ctx.tenantId,
      currency,
      lines: plain,
      couponCode: input.couponCode ?? null,
      email,
      country,
      shippingRateId: null,
    });

    const orderId = newId('order');
    let order: Order | undefined;
    for (let attempt = 1; !order; attempt += 1) {
      try {
        // A savepoint, so a reference collision does not abort the whole transaction.
        order = await tx.transaction(async (sp) => {
          const [row] = await sp
            .insert(orders)
            .values({
              id: orderId,
              tenantId: ctx.tenantId,
              reference: newOrderReference(),
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
            })
            .returning();
          return row;
        });
      } catch (error) {
        if (
          attempt >= REFERENCE_ATTEMPTS ||
          !isUniqueViolation(error, 'orders_tenant_reference_key')
        ) {
          throw error;
        }
      }
    }

    const items = await tx
      .insert(orderItems)
      .values(
        lines.map((line, i) => {
          const t = totals.lines[i];
          if (!t) throw new Error('totals and lines differ in length');
          return {
            id: newId('orderItem'),
            tenantId: ctx.tenantId,
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
      )
      .returning();

    if (input.cartId) {
      const closed = await tx
        .update(carts)
        .set({ orderId })
        .where(scoped(carts, ctx, and(eq(carts.id, input.cartId), isNull(carts.orderId))))
        .returning({ id: carts.id });
      if (closed.length === 0)
        throw new ApiError('cart_closed', 'This cart has already been ordered.');
    }
    ctx.logger.info({ orderId, total: totals.total, currency }, 'order created');
    return { order, items, couponCode: coupon?.code ?? null };
  });
}

async function couponCodeOf(db: Executor, order: Order): Promise<string | null> {
  if (!order.couponId) return null;
  const [row] = await db
    .select({ code: coupons.code })
    .from(coupons)
    .where(scoped(coupons, { tenantId: order.tenantId }, eq(coupons.id, order.couponId)));
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
  const items = await ctx.db
    .select()
    .from(orderItems)
    .where(
      scoped(
        orderItems,
        ctx,
        inArray(
          orderItems.orderId,
          rows.map((r) => r.id),
        ),
      ),
    );
  const couponIds = [...new Set(rows.flatMap((r) => (r.couponId ? [r.couponId] : [])))];
  const codes = couponIds.length
    ? await ctx.db
        .select({ id: coupons.id, code: coupons.code })
        .from(coupons)
        .where(scoped(coupons, ctx, inArray(coupons.id, couponIds)))
    : [];
  return rows.map((order) => ({
    order,
    items: items.filter((i) => i.orderId === order.id),
    couponCode: codes.find((c) => c.id === order.couponId)?.code ?? null,
  }));
}

/** Cancels an unpaid order (compare-and-swap: a paid order is never canceled). */
export async function cancelOrder(ctx: TenantContext, orderId: string): Promise<OrderWithItems> {
  const current = await getOrder(ctx.db, { tenantId: ctx.tenantId, orderId });
  if (!current) throw notFound('order');
  const moved = await transitionOrderStatus(ctx.db, {
    tenantId: ctx.tenantId,
    orderId,
    from: ['PENDING', 'FAILED'],
    to: 'CANCELED',
    set: { canceledAt: new Date() },
  });
  if (!moved) {
    const latest = await getOrder(ctx.db, { tenantId: ctx.tenantId, orderId });
    if (latest?.status === 'CANCELED') return getOrderWithItems(ctx, orderId);
    throw new ApiError(
      'conflict',
      `An order in status ${latest?.status ?? 'unknown'} cannot be canceled.`,
      {
        status: latest?.status,
      },
    );
  }
  return getOrderWithItems(ctx, orderId);
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
