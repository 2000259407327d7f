import type { PaymentSucceededEvent } from '@prood/checkout';
import { isPaidLogFor, markInvoiceLinkPaid, upsertSucceededPayment } from '@prood/db';
import { isId } from '@prood/validators';
import { emitEvent, transitionLockedOrder } from '../../events/emit';
import { JOB_QUEUES, type PaymentJob } from '../../jobs/queues';
import { openInvoiceLinkOrder } from '../invoice-link-order';
import {
  applyKnownRefunds,
  buildOrderSnapshot,
  countCouponUse,
  flagForReview,
  logOrderEffect,
  readSnapshotInputs,
  succeededRefundTotal,
} from '../order-effects';
import { decidePayment } from '../order-rules';
import { type EventContext, type EventHandler, lockEventOrder, settleLater } from './context';

/** The provider's payment id, or the best stable stand-in when the event carries none. */
function paymentKey(ctx: EventContext, event: PaymentSucceededEvent): string {
  return event.providerPaymentId ?? event.providerSessionId ?? ctx.eventKey;
}

async function recordPayment(ctx: EventContext, event: PaymentSucceededEvent, orderId: string) {
  await upsertSucceededPayment(ctx.tx, {
    tenantId: ctx.tenantId,
    orderId,
    provider: ctx.provider,
    providerPaymentId: paymentKey(ctx, event),
    checkoutSessionId: event.checkoutSessionId ?? null,
    amount: event.amount,
    currency: event.currency.toUpperCase(),
  });
}

/**
 * `payment.succeeded`: the money arrived. PENDING/FAILED (or CANCELED, flagged) → PAID with the
 * snapshot written, the coupon counted and the payment recorded, all once; refunds already known
 * are applied at once; confirmation mail, stock and digital fulfilment are enqueued.
 */
export const applyPaymentSucceeded: EventHandler<PaymentSucceededEvent> = async (ctx, event) => {
  // an invoice link's (`cs_link_…`) first payment creates the order it pays
  const order = (await lockEventOrder(ctx, event)) ?? (await openInvoiceLinkOrder(ctx, event));
  if (!order) {
    // a link made before links were rows has no row to make an order from: announced on its own
    if (event.checkoutSessionId && isId('paymentLink', event.checkoutSessionId)) {
      await emitEvent(ctx.tx, {
        tenantId: ctx.tenantId,
        type: 'payment_link.paid',
        object: {
          id: event.checkoutSessionId,
          object: 'payment_link',
          kind: 'invoice',
          amount: event.amount,
          currency: event.currency.toUpperCase(),
          provider: ctx.provider,
          providerPaymentId: paymentKey(ctx, event),
          paidAt: event.occurredAt,
        },
        dedupeKey: `payment_link.paid:${event.checkoutSessionId}:${paymentKey(ctx, event)}`,
      });
      return { type: event.type, outcome: 'payment_link_paid' };
    }
    return { type: event.type, outcome: 'order_not_found' };
  }
  const orderId = order.id;

  const decision = decidePayment(order, event);
  // every branch records the payment; the paid branch sends it with its other statements
  const recording = recordPayment(ctx, event, order.id);

  if (decision.kind === 'already_paid') {
    await recording;
    // the same payment seen again (webhook after confirm) changes nothing; another one is a double charge
    if (await isRecordedPayment(ctx, orderId, event)) {
      await logOrderEffect(ctx.tx, {
        tenantId: ctx.tenantId,
        orderId,
        event: `ignored:${ctx.eventKey}`,
        details: { type: event.type, reason: 'payment already applied' },
      });
      return { type: event.type, orderId, outcome: 'duplicate', status: order.status };
    }
    const first = await logOrderEffect(ctx.tx, {
      tenantId: ctx.tenantId,
      orderId,
      event: `second_payment:${paymentKey(ctx, event)}`,
      details: { amount: event.amount, currency: event.currency, eventKey: ctx.eventKey },
    });
    if (first) await flagForReview(ctx.tx, order, 'a second payment was received for a paid order');
    return { type: event.type, orderId, outcome: 'review', status: order.status };
  }

  if (decision.kind === 'mismatch') {
    await recording;
    await logOrderEffect(ctx.tx, {
      tenantId: ctx.tenantId,
      orderId,
      event: `payment_mismatch:${paymentKey(ctx, event)}`,
      details: { amount: event.amount, currency: event.currency, reason: decision.reviewReason },
    });
    const flagged = await flagForReview(ctx.tx, order, decision.reviewReason);
    return { type: event.type, orderId, outcome: 'review', status: flagged.status };
  }

  const paidAt = new Date();
  // independent reads and writes under the order's lock, sent together: one round trip
  const [, firstTime, couponCounted, snapshotInputs, refundedTotal] = await Promise.all([
    recording,
    logOrderEffect(ctx.tx, {
      tenantId: ctx.tenantId,
      orderId,
      event: 'paid',
      details: {
        providerPaymentId: paymentKey(ctx, event),
        providerSessionId: event.providerSessionId ?? null,
        amount: event.amount,
        eventKey: ctx.eventKey,
      },
    }),
    countCouponUse(ctx.tx, order),
    readSnapshotInputs(ctx.tx, order),
    succeededRefundTotal(ctx.tx, order),
  ]);
  if (!firstTime)
    throw new Error(`order ${orderId} logged as paid but its status is ${order.status}`);
  const reviewReason =
    decision.reviewReason ?? (couponCounted ? undefined : 'coupon use limit was reached meanwhile');
  // the order is locked: its paid row is known, so the UPDATE, its order.paid event, the jobs
  // and the event log's effects go out together at the end (recordAndApplyEvents)
  const { order: paid, confirmed } = transitionLockedOrder(ctx.tx, {
    locked: order,
    to: 'PAID',
    items: snapshotInputs.items,
    set: {
      amountPaid: event.amount,
      paidAt,
      // the snapshot is immutable: the first payment writes it, nothing rewrites it
      ...(order.snapshot
        ? {}
        : { snapshot: await buildOrderSnapshot(ctx.tx, order, paidAt, snapshotInputs) }),
      ...(reviewReason
        ? { needsReview: true, reviewReason: order.reviewReason ?? reviewReason }
        : {}),
    },
  });
  await settleLater(ctx, confirmed);
  const settled = await applyKnownRefunds(ctx.tx, paid, refundedTotal);

  const data = { tenantId: ctx.tenantId, orderId };
  const jobs: PaymentJob[] = [];
  if (settled.status !== 'REFUNDED') {
    jobs.push({ name: JOB_QUEUES.orderConfirmationEmail, data });
    jobs.push({ name: JOB_QUEUES.stockDecrement, data });
  }
  // only a clean digital order ships itself; anything flagged waits for the merchant
  if (settled.status === 'PAID' && settled.fulfillment === 'digital' && !settled.needsReview) {
    jobs.push({ name: JOB_QUEUES.digitalFulfilment, data });
  }
  if (order.paymentLinkId) {
    // an invoice link's order pays through the link's own session; a product link's has its own
    const invoice = order.checkoutSessionId === order.paymentLinkId;
    if (invoice) {
      // the link's row remembers its one payment too (what the link list shows as paid)
      await markInvoiceLinkPaid(ctx.tx, {
        tenantId: ctx.tenantId,
        linkId: order.paymentLinkId,
        paidAt: new Date(event.occurredAt),
        providerPaymentId: paymentKey(ctx, event),
      });
    }
    // the link's event names the order it produced
    await emitEvent(ctx.tx, {
      tenantId: ctx.tenantId,
      type: 'payment_link.paid',
      object: {
        id: order.paymentLinkId,
        object: 'payment_link',
        kind: invoice ? 'invoice' : 'product',
        orderId,
        amount: event.amount,
        currency: event.currency.toUpperCase(),
        provider: ctx.provider,
        providerPaymentId: paymentKey(ctx, event),
        paidAt: event.occurredAt,
      },
      dedupeKey: `payment_link.paid:${order.paymentLinkId}:${orderId}`,
    });
  }
  // all of them in one round trip
  await ctx.jobs.enqueue(ctx.tx, jobs);
  return {
    type: event.type,
    orderId,
    outcome: reviewReason ? 'paid_review' : 'paid',
    status: settled.status,
  };
};

/** True when the order's `paid` log names this same payment (by payment id or provider session). */
async function isRecordedPayment(ctx: EventContext, orderId: string, event: PaymentSucceededEvent) {
  return isPaidLogFor(ctx.tx, {
    tenantId: ctx.tenantId,
    orderId,
    paymentKey: paymentKey(ctx, event),
    providerSessionId: event.providerSessionId,
  });
}
