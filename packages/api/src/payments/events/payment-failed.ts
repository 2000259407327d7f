import type { PaymentFailedEvent } from '@prood/checkout';
import { transitionOrder } from '../../events/emit';
import { JOB_QUEUES } from '../../jobs/queues';
import { logOrderEffect } from '../order-effects';
import { decidePaymentFailed } from '../order-rules';
import { type EventHandler, lockEventOrder } from './context';

/** How long the shopper gets to try another card before the recovery mail goes out. */
export const RECOVERY_EMAIL_DELAY_SECONDS = 15 * 60;

/**
 * `payment.failed`: PENDING → FAILED for the current attempt, and a recovery mail with a link
 * that starts a new attempt. After a payment, or for an older attempt, it is logged and ignored.
 */
export const applyPaymentFailed: EventHandler<PaymentFailedEvent> = async (ctx, event) => {
  const order = await lockEventOrder(ctx, event);
  if (!order) return { type: event.type, outcome: 'order_not_found' };
  const orderId = order.id;

  if (decidePaymentFailed(order, event.checkoutSessionId) === 'ignore') {
    await logOrderEffect(ctx.tx, {
      tenantId: ctx.tenantId,
      orderId,
      event: `ignored:${ctx.eventKey}`,
      details: { type: event.type, status: order.status, reason: 'late or other attempt' },
    });
    return { type: event.type, orderId, outcome: 'ignored', status: order.status };
  }
  const failed = await transitionOrder(ctx.tx, {
    tenantId: ctx.tenantId,
    orderId,
    from: ['PENDING'],
    to: 'FAILED',
  });
  if (!failed) throw new Error(`order ${orderId} changed while locked`);
  await logOrderEffect(ctx.tx, {
    tenantId: ctx.tenantId,
    orderId,
    event: `failed:${order.attempt}:${event.providerPaymentId ?? ctx.eventKey}`,
    details: { failureCode: event.failureCode ?? null, eventKey: ctx.eventKey },
  });
  if (
    await logOrderEffect(ctx.tx, {
      tenantId: ctx.tenantId,
      orderId,
      event: `recovery_mail:${order.attempt}`,
    })
  ) {
    await ctx.jobs.enqueue(ctx.tx, {
      name: JOB_QUEUES.paymentRecoveryEmail,
      data: { tenantId: ctx.tenantId, orderId, attempt: order.attempt },
      startAfterSeconds: RECOVERY_EMAIL_DELAY_SECONDS,
    });
  }
  return { type: event.type, orderId, outcome: 'failed', status: failed.status };
};
