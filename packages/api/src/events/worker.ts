import { claimDueDeliveries, WEBHOOK_DUE_CHANNEL } from '@prood/db';
import type { PgBoss } from 'pg-boss';
import {
  attemptDeliveries,
  DELIVERY_TIMEOUT_MS,
  type DeliveryScope,
  type WebhookDeliveryDeps,
} from './delivery';

/** The pg-boss queue that carries one delivery attempt per job. */
export const WEBHOOK_DELIVERY_QUEUE = 'webhook-delivery';

export interface WebhookWorkerOptions {
  /**
   * How often the relay looks for due deliveries besides being woken by a commit (retries
   * whose backoff ran out, a missed notification); default 1 s.
   */
  relayIntervalMs?: number;
  /** Parallel attempts per process; default 16. */
  concurrency?: number;
}

/** Jobs one pg-boss fetch takes, and one read and one write attempt together. */
const BATCH_SIZE = 8;

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
 * Starts webhook delivery in this process: the relay and pg-boss workers that together make
 * `concurrency` attempts at a time. The relay runs when a commit owes deliveries (`LISTEN` on
 * the channel `appendEvent` and resends `NOTIFY`), and every `relayIntervalMs` for retries
 * whose backoff ran out; after relaying it wakes this process's workers instead of letting
 * them wait out their poll. Safe on many instances. Returns a stop function.
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
  // a batch is fetched, loaded, recorded and completed with one statement each. Twice as many
  // jobs are held as may be POSTed at once, so while some batches wait on Postgres the others
  // keep `concurrency` POSTs in flight; a slow endpoint holds up at most its batch-mates
  const concurrency = options.concurrency ?? 16;
  const batchSize = Math.max(1, Math.min(BATCH_SIZE, concurrency));
  const throttle = limiter(concurrency);
  const workerIds: string[] = [];
  for (let i = 0; i < Math.ceil((2 * concurrency) / batchSize); i++) {
    // one work() per worker: notifyWorker wakes only the id it is given
    workerIds.push(
      await boss.work<DeliveryScope>(
        WEBHOOK_DELIVERY_QUEUE,
        {
          batchSize,
          burstWhenBatchFull: true,
          // the relay wakes these; the poll only catches jobs another instance relayed
          pollingIntervalSeconds: 2,
        },
        async (jobs) => {
          await attemptDeliveries(
            deps,
            jobs.map((job) => job.data),
            throttle,
          );
        },
      ),
    );
  }

  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  const relay = async () => {
    try {
      do {
        again = false;
        while (!stopped) {
          const relayed = await relayDueDeliveries(boss, deps.db, deps.now?.() ?? new Date());
          if (relayed === 0) break;
          for (const id of workerIds) boss.notifyWorker(id);
        }
      } while (again && !stopped);
    } catch (error) {
      deps.logger.error({ err: error }, 'webhook relay failed');
    } finally {
      running = undefined;
    }
  };
  /** Runs the relay now, or once more right after the run in progress (a wake-up is never lost). */
  const wake = () => {
    if (stopped) return;
    if (running) again = true;
    else running = relay();
  };
  const listener = await deps.db.$client
    .listen(WEBHOOK_DUE_CHANNEL, wake, wake)
    .catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'webhook relay cannot LISTEN; polling only');
      return undefined;
    });
  const timer = setInterval(wake, options.relayIntervalMs ?? 1000);
  wake();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await listener?.unlisten().catch(() => {});
      await running;
      await boss.offWork(WEBHOOK_DELIVERY_QUEUE).catch(() => {});
    },
  };
}

/** Runs at most `slots` of the functions it is given at once; the rest wait their turn. */
function limiter(slots: number) {
  let free = slots;
  const waiting: Array<() => void> = [];
  return async <T>(run: () => Promise<T>): Promise<T> => {
    if (free > 0) free -= 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await run();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    }
  };
}
