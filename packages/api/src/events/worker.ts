import { claimDueDeliveries } from '@prood/db';
import type { PgBoss } from 'pg-boss';
import { attemptDelivery, DELIVERY_TIMEOUT_MS, type WebhookDeliveryDeps } from './delivery';

/** The pg-boss queue that carries one delivery attempt per job. */
export const WEBHOOK_DELIVERY_QUEUE = 'webhook-delivery';

export interface WebhookWorkerOptions {
  /** How often due deliveries are moved onto the queue; default 250 ms. */
  relayIntervalMs?: number;
  /** Parallel attempts per process; default 16. */
  concurrency?: number;
}

/** A claimed delivery not attempted within this is claimed again (its worker died). */
const LEASE_MS = 5 * 60_000;

/**
 * Moves deliveries that are due (new events, retries whose backoff ran out, resends) onto the
 * pg-boss queue. The claim is a lease on the row (`FOR UPDATE SKIP LOCKED`), so any number of
 * workers relay each delivery once; a lost job is claimed again when its lease runs out.
 *
 * @example
 * await relayDueDeliveries(boss, db, new Date()); // 3
 */
export async function relayDueDeliveries(
  boss: PgBoss,
  db: WebhookDeliveryDeps['db'],
  now: Date,
  limit = 200,
): Promise<number> {
  const claimed = await claimDueDeliveries(db, { now, leaseMs: LEASE_MS, limit });
  if (claimed.length === 0) return 0;
  await boss.insert(
    WEBHOOK_DELIVERY_QUEUE,
    claimed.map((c) => ({ data: { tenantId: c.tenantId, deliveryId: c.id } })),
  );
  return claimed.length;
}

/**
 * Starts webhook delivery in this process: the relay loop and `concurrency` pg-boss workers
 * that each make one attempt at a time. Safe on many instances. Returns a stop function.
 *
 * @example
 * const stop = await startWebhookDelivery(boss, { db, logger, mailer });
 */
export async function startWebhookDelivery(
  boss: PgBoss,
  deps: WebhookDeliveryDeps,
  options: WebhookWorkerOptions = {},
): Promise<{ stop: () => Promise<void> }> {
  await boss
    .createQueue(WEBHOOK_DELIVERY_QUEUE, {
      // the delivery row owns the retry schedule; pg-boss only carries each attempt
      retryLimit: 0,
      expireInSeconds: Math.ceil((deps.timeoutMs ?? DELIVERY_TIMEOUT_MS) / 1000) + 60,
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error && /already exists|duplicate key/i.test(error.message))) {
        throw error;
      }
    });
  // small batches fetch and complete several jobs per round trip; a slow endpoint holds up at
  // most its batch-mates, never the other workers
  const concurrency = options.concurrency ?? 16;
  const batchSize = Math.min(4, concurrency);
  await boss.work<{ tenantId: string; deliveryId: string }>(
    WEBHOOK_DELIVERY_QUEUE,
    {
      localConcurrency: Math.ceil(concurrency / batchSize),
      batchSize,
      burstWhenBatchFull: true,
      pollingIntervalSeconds: 0.5,
    },
    async (jobs) => {
      await Promise.all(jobs.map((job) => attemptDelivery(deps, job.data)));
    },
  );
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      while (
        !stopped &&
        (await relayDueDeliveries(boss, deps.db, deps.now?.() ?? new Date())) > 0
      ) {
        // keep relaying while there is a backlog
      }
    } catch (error) {
      deps.logger.error({ err: error }, 'webhook relay failed');
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick);
  }, options.relayIntervalMs ?? 250);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await boss.offWork(WEBHOOK_DELIVERY_QUEUE).catch(() => {});
    },
  };
}
