import type { NormalizedPaymentEvent } from '@prood/checkout';
import { type Database, markWebhookEventApplied, recordWebhookEvent } from '@prood/db';
import type { JobEnqueuer, PaymentJob } from '../jobs/queues';
import { type AppliedEffect, applyPaymentEvents } from './events';

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
    const stored = await recordWebhookEvent(tx, {
      tenantId: input.tenantId,
      provider: input.provider,
      eventId: input.eventKey,
      type: input.type,
      normalized: [...input.events],
      ...(input.rawBody === undefined ? {} : { rawBody: input.rawBody }),
      // stored and applied in this one transaction: a failure below rolls the row back too
      handledAt,
    });
    if (!stored.apply) return { duplicate: true, applied: [] };
    // the handlers' jobs are held back and written with the event's effects below
    const owed: PaymentJob[] = [];
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
      },
      input.events,
    );
    // the jobs and the effects for the event log (which also clears the error of an earlier
    // failed attempt) are sent together: one round trip, in this transaction
    await Promise.all([
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
