import type { NormalizedPaymentEvent } from '@prood/checkout';
import {
  type Database,
  lockOrder,
  markWebhookEventApplied,
  type Order,
  recordWebhookEvent,
} from '@prood/db';
import type { JobEnqueuer, PaymentJob } from '../jobs/queues';
import { type AppliedEffect, applyPaymentEvents } from './events';

/** Event types whose handler starts by locking the order the event names. */
const LOCKS_ORDER: ReadonlySet<NormalizedPaymentEvent['type']> = new Set([
  'payment.succeeded',
  'payment.failed',
  'payment.processing',
  'payment.requires_action',
  'checkout.expired',
  'refund.succeeded',
]);

export interface RecordedEventResult {
  duplicate: boolean;
  applied: AppliedEffect[];
}

/**
 * The one path every payment fact takes, whether a webhook, the success page's confirm or the
 * reconciliation job learnt it: in ONE transaction, store the event once (a duplicate stops
 * here, counted), apply it to the order, enqueue its jobs and store what it did. Any failure
 * rolls all of it back and rethrows, so a retry starts from a clean slate.
 *
 * @example
 * await recordAndApplyEvents(db, jobs, { tenantId, provider: 'sandbox', eventKey: 'evt_sbx_…', type: 'payment.succeeded', events });
 */
export async function recordAndApplyEvents(
  db: Database,
  jobs: JobEnqueuer,
  input: {
    tenantId: string;
    provider: string;
    eventKey: string;
    type: string;
    events: readonly NormalizedPaymentEvent[];
    /** The verified webhook body, kept for the merchant's provider event log. */
    rawBody?: Uint8Array | string;
  },
): Promise<RecordedEventResult> {
  return db.transaction(async (tx) => {
    const handledAt = new Date();
    const recording = recordWebhookEvent(tx, {
      tenantId: input.tenantId,
      provider: input.provider,
      eventId: input.eventKey,
      type: input.type,
      normalized: [...input.events],
      ...(input.rawBody === undefined ? {} : { rawBody: input.rawBody }),
      // stored and applied in this one transaction: a failure below rolls the row back too
      handledAt,
    });
    // the first event's order is locked in the same round trip as the event's insert, sent
    // after it (every handler that names an order locks it first): a twin delivery waits on the
    // event's row before it asks for the order; a duplicate holds the lock until commit only
    const firstOrderId = input.events.find((e) => LOCKS_ORDER.has(e.type))?.orderId;
    const prelocked = new Map<string, Promise<Order | undefined>>();
    if (firstOrderId) {
      const early = lockOrder(tx, { tenantId: input.tenantId, orderId: firstOrderId });
      // settled below or by the handler; a failure surfaces where it is awaited
      early.catch(() => {});
      prelocked.set(firstOrderId, early);
    }
    const [stored] = await Promise.all([recording, ...prelocked.values()]);
    if (!stored.apply) return { duplicate: true, applied: [] };
    // the handlers' jobs are held back and written with the event's effects below, and so are
    // the writes they sent without waiting (an order's move and its merchant event)
    const owed: PaymentJob[] = [];
    const pending: Promise<unknown>[] = [];
    const holdJobs: JobEnqueuer = {
      async enqueue(_db, job) {
        owed.push(...(Array.isArray(job) ? job : [job as PaymentJob]));
      },
    };
    const applied = await applyPaymentEvents(
      {
        tx,
        tenantId: input.tenantId,
        provider: input.provider,
        eventKey: input.eventKey,
        jobs: holdJobs,
        prelocked,
        pending,
      },
      input.events,
    );
    // the jobs and the effects for the event log (which also clears the error of an earlier
    // failed attempt) are sent together: one round trip, in this transaction
    await Promise.all([
      ...pending,
      jobs.enqueue(tx, owed),
      markWebhookEventApplied(tx, {
        tenantId: input.tenantId,
        id: stored.id,
        effects: applied,
        handledAt,
      }),
    ]);
    return { duplicate: false, applied };
  });
}
