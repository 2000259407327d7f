import { jobTraceMeta } from '@prood/http/tracing';
import { sql } from 'drizzle-orm';
import { fromDrizzle, PgBoss } from 'pg-boss';
import {
  JOB_QUEUES,
  type JobEnqueuer,
  type JobQueueName,
  type PaymentJob,
  QUEUE_OPTIONS,
} from './queues';

export interface Jobs {
  boss: PgBoss;
  /** Enqueues inside the caller's transaction (pass it to `ingestPaymentWebhook`'s deps). */
  enqueuer: JobEnqueuer;
  /** Installs/migrates the `pgboss` schema and creates every queue. Idempotent. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Jobs that exhausted their retries, newest last, for the dashboard. */
  listDeadLetters(limit?: number): Promise<Array<{ id: string; data: unknown; createdOn: Date }>>;
}

/**
 * pg-boss on the platform's own Postgres (schema `pgboss`). Sending needs no running worker:
 * apps that only enqueue call `start()` once; `startWorkers` adds the consumers.
 *
 * @example
 * const jobs = createJobs({ connectionString: env.DATABASE_URL });
 * await jobs.start();
 * const deps = { db, jobs: jobs.enqueuer, resolveProvider, logger, checkoutSecret };
 */
export function createJobs(options: {
  connectionString: string;
  schema?: string;
  /** Pool size of pg-boss's own connections; default 4. */
  max?: number;
  /** Run pg-boss maintenance and cron (one or more instances should); default true. */
  supervise?: boolean;
}): Jobs {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: options.schema ?? 'pgboss',
    max: options.max ?? 4,
    supervise: options.supervise ?? true,
    schedule: options.supervise ?? true,
    // how often a supervising instance fails jobs whose worker stopped heartbeating (below)
    superviseIntervalSeconds: 15,
    application_name: 'prood-jobs',
  });
  // pg-boss reports background errors as events; an unhandled 'error' would crash the process
  boss.on('error', () => {});
  let started: Promise<void> | undefined;

  const sendOptions = (job: PaymentJob) => ({
    // a worker killed mid-job stops heartbeating: the job is retried within about a minute,
    // not after its 5-minute expiry
    heartbeatSeconds: JOB_HEARTBEAT_SECONDS,
    ...('startAfterSeconds' in job && job.startAfterSeconds
      ? { startAfter: job.startAfterSeconds }
      : {}),
  });
  const enqueuer: JobEnqueuer = {
    async enqueue(db, jobOrJobs) {
      const jobs = (Array.isArray(jobOrJobs) ? jobOrJobs : [jobOrJobs]) as readonly PaymentJob[];
      if (jobs.length === 0) return;
      // the request id and trace context travel in the payload, so the job's logs and span join
      // the request that caused it
      const meta = jobTraceMeta();
      // pg-boss writes the job through the caller's transaction: it commits or rolls back with it
      const through = { db: fromDrizzle(db, sql) };
      // sent together, postgres.js pipelines them on the transaction's connection: one write,
      // one round trip, however many queues (pg-boss's `flow` wants dependencies between them)
      await Promise.all(
        jobs.map((job) =>
          boss.send(job.name, { ...job.data, meta }, { ...sendOptions(job), ...through }),
        ),
      );
    },
  };

  return {
    boss,
    enqueuer,
    start() {
      started ??= (async () => {
        await boss.start();
        await boss.createQueue(JOB_QUEUES.deadLetter, { retryLimit: 0 }).catch(ignoreExists);
        for (const name of Object.values(JOB_QUEUES) as JobQueueName[]) {
          if (name === JOB_QUEUES.deadLetter) continue;
          await boss.createQueue(name, QUEUE_OPTIONS).catch(ignoreExists);
        }
      })();
      return started;
    },
    async stop() {
      if (started) await boss.stop({ graceful: true, timeout: 5_000 });
      started = undefined;
    },
    async listDeadLetters(limit = 100) {
      const jobs = await boss.findJobs(JOB_QUEUES.deadLetter, { limit });
      return jobs.map((job) => ({ id: job.id, data: job.data, createdOn: job.createdOn }));
    },
  };
}

/** Interval a running job's worker refreshes its claim at (pg-boss's minimum is 10). */
const JOB_HEARTBEAT_SECONDS = 30;

/** Two instances starting at once may both create a queue; the second one's error is harmless. */
function ignoreExists(error: unknown): void {
  if (error instanceof Error && /already exists|duplicate key/i.test(error.message)) return;
  throw error;
}
