import { countOrderEffects, type Database, type Order } from '@prood/db';
import { ApiError, notFound } from '../errors';
import { transitionOrder } from '../events/emit';
import { JOB_QUEUES, type JobEnqueuer } from '../jobs/queues';
import { lockOrder, logOrderEffect } from './order-effects';

/** What the merchant shipped with: the carrier, its tracking number and (optionally) its page. */
export interface Shipment {
  carrier: string;
  trackingNumber: string;
  /** https only; the shopper's mail links to it. */
  trackingUrl?: string | undefined;
}

export type FulfilBy =
  | { by: 'job' }
  /** The merchant marks the order; the shopper is mailed through `jobs` (same transaction). */
  | { by: 'merchant'; jobs: JobEnqueuer; shipment?: Shipment | undefined };

/**
 * PAID → FULFILLED, once, by compare-and-swap under the order's lock. Digital orders are
 * fulfilled by the `order-digital-fulfilment` job as soon as they are paid; shipped and
 * picked-up orders when the merchant marks them. A shipped order needs its carrier and
 * tracking number; a picked-up or locally delivered one has none (it is marked picked up or
 * delivered, and the effect names the method); the merchant's fulfilment mails the shopper (one `order-shipped-email` job,
 * enqueued in the transaction). An order flagged for review is never fulfilled automatically
 * (the merchant's fulfilment is their decision).
 *
 * @example
 * await fulfillOrder(db, { tenantId, orderId }, { by: 'merchant', jobs, shipment: { carrier: 'DHL', trackingNumber: '00340434' } });
 */
export async function fulfillOrder(
  db: Database,
  scope: { tenantId: string; orderId: string },
  options: FulfilBy,
): Promise<{ outcome: 'fulfilled' | 'unchanged'; order: Order }> {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, scope);
    if (!order) throw notFound('order');
    if (options.by === 'job') {
      if (order.status !== 'PAID' || order.needsReview) {
        return { outcome: 'unchanged' as const, order };
      }
    } else {
      if (order.status === 'FULFILLED') {
        throw new ApiError('conflict', 'This order is already fulfilled.', {
          status: order.status,
        });
      }
      if (order.status !== 'PAID') {
        throw new ApiError('conflict', 'Only a paid order can be fulfilled.', {
          status: order.status,
        });
      }
      if (order.fulfillment === 'shipping' && !options.shipment) {
        throw new ApiError('validation_error', 'A shipped order needs its carrier and tracking.', {
          fields: [{ path: 'trackingNumber', message: 'Enter the tracking number.' }],
        });
      }
      if (order.fulfillment !== 'shipping' && options.shipment) {
        throw new ApiError(
          'validation_error',
          'Only a shipped order has a carrier and tracking: mark this one picked up or delivered.',
          { fields: [{ path: 'carrier', message: 'This order is not shipped.' }] },
        );
      }
    }
    const shipment = options.by === 'merchant' ? options.shipment : undefined;
    const fulfilled = await transitionOrder(tx, {
      ...scope,
      from: ['PAID'],
      to: 'FULFILLED',
      set: {
        fulfilledAt: new Date(),
        ...(shipment
          ? {
              shipmentCarrier: shipment.carrier,
              trackingNumber: shipment.trackingNumber,
              trackingUrl: shipment.trackingUrl ?? null,
            }
          : {}),
      },
    });
    if (!fulfilled) throw new Error(`order ${scope.orderId} changed while locked`);
    await logOrderEffect(tx, {
      ...scope,
      event: 'fulfilled',
      details: {
        by: options.by,
        method: order.fulfillment,
        ...(shipment
          ? {
              carrier: shipment.carrier,
              trackingNumber: shipment.trackingNumber,
              ...(shipment.trackingUrl ? { trackingUrl: shipment.trackingUrl } : {}),
            }
          : {}),
      },
    });
    if (options.by === 'merchant') {
      await options.jobs.enqueue(tx, { name: JOB_QUEUES.orderShippedEmail, data: scope });
    }
    return { outcome: 'fulfilled' as const, order: fulfilled };
  });
}

/** How often a merchant may resend one order's receipt: at most 5 times, 10 minutes apart. */
export const RECEIPT_RESEND_LIMIT = { max: 5, intervalMs: 10 * 60_000 } as const;

/**
 * Mails a paid order's confirmation (the receipt) to the shopper again: logs the request in
 * the order's effects (the timeline shows it) and enqueues the confirmation job with its
 * number, in one transaction. Refused with `rate_limited` within 10 minutes of the last resend
 * and after 5, so a double click or a script cannot spam the shopper.
 *
 * @example
 * const { resend } = await resendReceipt(db, jobs, { tenantId, orderId });
 */
export async function resendReceipt(
  db: Database,
  jobs: JobEnqueuer,
  scope: { tenantId: string; orderId: string },
  now: Date = new Date(),
): Promise<{ resend: number; to: string }> {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, scope);
    if (!order) throw notFound('order');
    if (!order.paidAt) {
      throw new ApiError('conflict', 'Only a paid order has a receipt.', { status: order.status });
    }
    if (!order.customerEmail) {
      // an invoice link's payer gave no email: there is nobody to resend it to
      throw new ApiError('conflict', 'This order has no email address to send a receipt to.');
    }
    const sent = await countOrderEffects(tx, { ...scope, prefix: 'receipt_resend:' });
    if (sent.count >= RECEIPT_RESEND_LIMIT.max) {
      throw new ApiError(
        'rate_limited',
        `The receipt was already resent ${sent.count} times; no more resends for this order.`,
      );
    }
    const wait = sent.lastAt
      ? sent.lastAt.getTime() + RECEIPT_RESEND_LIMIT.intervalMs - now.getTime()
      : 0;
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000);
      throw new ApiError(
        'rate_limited',
        `The receipt was just resent; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        { retryAfterSeconds: Math.ceil(wait / 1000) },
      );
    }
    const resend = sent.count + 1;
    await logOrderEffect(tx, {
      ...scope,
      event: `receipt_resend:${resend}`,
      details: { to: order.customerEmail },
    });
    await jobs.enqueue(tx, {
      name: JOB_QUEUES.orderConfirmationEmail,
      data: { ...scope, resend },
    });
    return { resend, to: order.customerEmail };
  });
}
