import { getOrder, listDashboardOrders, listOrderHistory, listOrderMoney } from '@prood/db';
import { PROVIDER_IDS, providerDefinition } from '@prood/provider-factory';
import { idSchema } from '@prood/validators';
import { z } from 'zod';
import { notFound } from '../../errors';
import { attemptState } from '../../orders/attempt-state';
import { orderFiltersSchema, toDashboardFilters } from '../../orders/filters';
import { fulfillOrder, resendReceipt } from '../../payments/fulfilment';
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

const shipmentSchema = z.object({
  carrier: z.string().trim().min(1, 'Enter the carrier.').max(100),
  trackingNumber: z
    .string()
    .trim()
    .min(1, 'Enter the tracking number.')
    .max(100)
    .regex(/^[A-Za-z0-9 ._/-]+$/, 'Use letters, digits, spaces, dots, dashes or slashes.'),
  trackingUrl: z
    .url({ protocol: /^https$/, error: 'Enter an https:// link.' })
    .max(500)
    .optional(),
});

export const ordersRouter = router({
  /** Every provider an order can have been paid through, for the list's filter (the registry's). */
  providers: tenantProcedure.query(() =>
    PROVIDER_IDS.map((id) => ({ id, label: providerDefinition(id).label })),
  ),
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
      orderFiltersSchema.and(
        z.object({
          cursor: orderCursor.schema.optional(),
          limit: z.number().int().min(1).max(100).default(25),
        }),
      ),
    )
    .query(async ({ ctx, input }) => {
      const { rows, next } = await listDashboardOrders(ctx.db, {
        ...toDashboardFilters(input),
        tenantId: ctx.tenantId,
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
      shipment: found.order.trackingNumber
        ? {
            carrier: found.order.shipmentCarrier ?? '',
            trackingNumber: found.order.trackingNumber,
            trackingUrl: found.order.trackingUrl,
          }
        : null,
      provider: found.order.provider,
    };
  }),
  /** The order's payment attempts, the payments providers reported, and its refunds. */
  payments: tenantProcedure
    .input(z.object({ id: idSchema('order') }))
    .query(async ({ ctx, input }) => {
      const order = await tenantOrder(ctx, input.id);
      const money = await listOrderMoney(ctx.db, { tenantId: ctx.tenantId, orderId: input.id });
      const outcome = { payments: money.payments, canceled: order.canceledAt !== null };
      return {
        attempts: money.attempts.map((a) => ({
          id: a.id,
          attempt: a.attempt,
          provider: a.provider,
          checkoutSessionId: a.checkoutSessionId,
          providerSessionId: a.providerSessionId,
          status: a.status,
          /** What became of it: paid, failed, expired, canceled, or still open. */
          state: attemptState(a, outcome),
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
          note: r.note,
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
        /** The merchant's own words, kept with the refund (Stripe's reasons are a fixed list). */
        note: z.string().trim().max(500).optional(),
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
          ...(input.note ? { note: input.note } : {}),
          ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
        },
      );
      return {
        id: refund.id,
        amount: refund.amount,
        currency: refund.currency,
        status: refund.status,
        reason: refund.reason,
        note: refund.note,
        createdAt: iso(refund.createdAt),
      };
    }),
  /**
   * Marks a paid order fulfilled (PAID → FULFILLED, once, by compare-and-swap) with its
   * shipment: carrier and tracking number are required for a shipped order, the tracking link
   * is https only. Emits `order.fulfilled` and mails the shopper once.
   */
  fulfil: adminProcedure
    .input(
      z.object({
        id: idSchema('order'),
        shipment: shipmentSchema.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { order } = await fulfillOrder(
        ctx.db,
        { tenantId: ctx.tenantId, orderId: input.id },
        { by: 'merchant', jobs: ctx.payments.jobs, shipment: input.shipment },
      );
      return {
        id: order.id,
        status: order.status,
        fulfilledAt: iso(order.fulfilledAt ?? new Date()),
      };
    }),
  /** Mails the receipt (the order confirmation) again; at most 5 times, 10 minutes apart. */
  resendReceipt: adminProcedure
    .input(z.object({ id: idSchema('order') }))
    .mutation(async ({ ctx, input }) =>
      resendReceipt(ctx.db, ctx.payments.jobs, { tenantId: ctx.tenantId, orderId: input.id }),
    ),
});
