import {
  DASHBOARD_ORDER_VIEWS,
  getOrder,
  listDashboardOrders,
  listOrderHistory,
  listOrderMoney,
} from '@prood/db';
import { idSchema } from '@prood/validators';
import { z } from 'zod';
import { notFound } from '../../errors';
import { refundOrder } from '../../payments/refunds';
import { createRefundSchema } from '../../payments/schemas';
import { orderStatuses } from '../../schemas';
import {
  cancelOrder,
  getOrderWithItems,
  listOrdersWithItems,
  toOrderResource,
} from '../../services/orders';
import { adminProcedure, router, tenantProcedure } from '../init';
import { keysetCursor } from '../keyset-cursor';

const orderCursor = keysetCursor('ord');

/** An order of this tenant, or NOT_FOUND (another tenant's id looks exactly like a missing one). */
async function tenantOrder(
  ctx: { db: Parameters<typeof getOrder>[0]; tenantId: string },
  id: string,
) {
  const order = await getOrder(ctx.db, { tenantId: ctx.tenantId, orderId: id });
  if (!order) throw notFound('order');
  return order;
}

const iso = (date: Date) => date.toISOString();

export const ordersRouter = router({
  list: tenantProcedure
    .input(
      z.object({
        status: z.array(z.enum(orderStatuses)).optional(),
        unpaid: z.boolean().optional(),
        createdFrom: z.date().optional(),
        createdBefore: z.date().optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(async ({ ctx, input }) => {
      const rows = await listOrdersWithItems(ctx, {
        ...(input.status ? { status: input.status } : {}),
        ...(input.unpaid !== undefined ? { unpaid: input.unpaid } : {}),
        ...(input.createdFrom ? { createdFrom: input.createdFrom } : {}),
        ...(input.createdBefore ? { createdBefore: input.createdBefore } : {}),
        limit: input.limit,
      });
      return rows.map(toOrderResource);
    }),
  /**
   * The dashboard's orders list: one keyset page of a tab (all, paid, pending, needs review,
   * refunded, canceled), optionally searched by order id, reference or customer email.
   */
  page: tenantProcedure
    .input(
      z.object({
        view: z.enum(DASHBOARD_ORDER_VIEWS).default('all'),
        search: z.string().trim().max(200).optional(),
        cursor: orderCursor.schema.optional(),
        limit: z.number().int().min(1).max(100).default(25),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { rows, next } = await listDashboardOrders(ctx.db, {
        tenantId: ctx.tenantId,
        view: input.view,
        ...(input.search ? { search: input.search } : {}),
        ...(input.cursor ? { after: input.cursor } : {}),
        limit: input.limit,
      });
      return {
        data: rows.map((order) => ({
          id: order.id,
          reference: order.reference,
          status: order.status,
          needsReview: order.needsReview,
          currency: order.currency,
          total: order.total,
          amountRefunded: order.amountRefunded,
          customerEmail: order.customerEmail,
          customerName: order.customer.name,
          provider: order.provider,
          createdAt: iso(order.createdAt),
        })),
        nextCursor: next ? orderCursor.encode(next) : null,
      };
    }),
  get: tenantProcedure.input(z.object({ id: idSchema('order') })).query(async ({ ctx, input }) => {
    const found = await getOrderWithItems(ctx, input.id);
    return {
      ...toOrderResource(found),
      reviewReason: found.order.reviewReason,
      canceledAt: found.order.canceledAt ? iso(found.order.canceledAt) : null,
      fulfilledAt: found.order.fulfilledAt ? iso(found.order.fulfilledAt) : null,
      provider: found.order.provider,
    };
  }),
  /** The order's payment attempts, the payments providers reported, and its refunds. */
  payments: tenantProcedure
    .input(z.object({ id: idSchema('order') }))
    .query(async ({ ctx, input }) => {
      await tenantOrder(ctx, input.id);
      const money = await listOrderMoney(ctx.db, { tenantId: ctx.tenantId, orderId: input.id });
      return {
        attempts: money.attempts.map((a) => ({
          id: a.id,
          attempt: a.attempt,
          provider: a.provider,
          checkoutSessionId: a.checkoutSessionId,
          providerSessionId: a.providerSessionId,
          status: a.status,
          createdAt: iso(a.createdAt),
        })),
        payments: money.payments.map((p) => ({
          id: p.id,
          provider: p.provider,
          providerPaymentId: p.providerPaymentId,
          amount: p.amount,
          currency: p.currency,
          status: p.status,
          createdAt: iso(p.createdAt),
          updatedAt: iso(p.updatedAt),
        })),
        refunds: money.refunds.map((r) => ({
          id: r.id,
          provider: r.provider,
          providerRefundId: r.providerRefundId,
          amount: r.amount,
          currency: r.currency,
          reason: r.reason,
          status: r.status,
          createdAt: iso(r.createdAt),
        })),
      };
    }),
  /**
   * What happened to the order, oldest first: merchant events, effects applied once (mails,
   * stock, fulfilment, review flags) and the provider webhooks that named it.
   */
  timeline: tenantProcedure
    .input(z.object({ id: idSchema('order') }))
    .query(async ({ ctx, input }) => {
      const order = await tenantOrder(ctx, input.id);
      const history = await listOrderHistory(ctx.db, { tenantId: ctx.tenantId, order });
      const entries = [
        ...history.events.map((e) => ({
          id: e.id,
          source: 'event' as const,
          type: e.type,
          at: iso(e.createdAt),
          details: {} as Record<string, unknown>,
        })),
        ...history.effects.map((e) => ({
          id: e.id,
          source: 'effect' as const,
          type: e.event,
          at: iso(e.createdAt),
          details: e.details,
        })),
        ...history.providerEvents.map((e) => ({
          id: e.id,
          source: 'provider' as const,
          type: e.type,
          at: iso(e.receivedAt),
          details: { provider: e.provider, eventId: e.eventId, error: e.error } as Record<
            string,
            unknown
          >,
        })),
      ];
      return entries.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
    }),
  cancel: adminProcedure
    .input(z.object({ id: idSchema('order') }))
    .mutation(async ({ ctx, input }) => toOrderResource(await cancelOrder(ctx, input.id))),
  /**
   * Refunds all (no `amount`) or part of a paid order through its provider: the same service as
   * `POST /v1/orders/{id}/refunds`, so never more than was paid, also under concurrency. An
   * `idempotencyKey` per form makes a double submit one refund.
   */
  refund: adminProcedure
    .input(
      createRefundSchema.extend({
        id: idSchema('order'),
        idempotencyKey: z.string().min(8).max(200).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const refund = await refundOrder(
        { db: ctx.db, logger: ctx.logger, ...ctx.payments },
        ctx,
        input.id,
        {
          ...(input.amount === undefined ? {} : { amount: input.amount }),
          ...(input.reason ? { reason: input.reason } : {}),
          ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
        },
      );
      return {
        id: refund.id,
        amount: refund.amount,
        currency: refund.currency,
        status: refund.status,
        reason: refund.reason,
        createdAt: iso(refund.createdAt),
      };
    }),
});
