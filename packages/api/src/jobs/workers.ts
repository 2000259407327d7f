import type { Database } from '@prood/db';
import { type JobTraceMeta, SpanKind, withSpan } from '@prood/http/tracing';
import type { Job } from 'pg-boss';
import type { WebhookDeliveryDeps } from '../events/delivery';
import { startWebhookDelivery, type WebhookWorkerOptions } from '../events/worker';
import type { Logger } from '../logger';
import { markCheckoutAbandoned } from '../payments/abandonment';
import type { PaymentDeps, ResolveProvider } from '../payments/deps';
import { fulfillOrder } from '../payments/fulfilment';
import type { Jobs } from './create-jobs';
import { cleanupUnpaidOrders } from './handlers/cleanup-unpaid-orders';
import { decrementStock } from './handlers/decrement-stock';
import { reconcilePendingOrders } from './handlers/reconcile-pending-orders';
import { sendOrderConfirmation } from './handlers/send-order-confirmation';
import { type RecoveryUrl, sendPaymentRecovery } from './handlers/send-payment-recovery';
import { sendShipmentNotification } from './handlers/send-shipment-notification';
import type { Mailer } from './mailer';
import { JOB_QUEUES, type OrderJobData } from './queues';

export interface WorkerDeps {
  db: Database;
  jobs: Jobs;
  logger: Logger;
  resolveProvider: ResolveProvider;
  mailer: Mailer;
  /** Link in the payment-failed mail that starts a new attempt. */
  recoveryUrl: RecoveryUrl;
  /** Merchant webhook delivery (always on; these tune it, and let tests inject DNS and a clock). */
  webhooks?: Pick<WebhookDeliveryDeps, 'resolveHost' | 'now' | 'timeoutMs'> & WebhookWorkerOptions;
  config?: {
    /** PENDING orders untouched for this long are reconciled with the provider; default 30 minutes. */
    reconcileAfterMs?: number;
    /** Cron for both sweeps; default every 10 minutes. */
    sweepCron?: string;
    /** How often idle workers poll; default 2 s. */
    pollingIntervalSeconds?: number;
    /** Jobs of one queue this process works at once; default 1. */
    concurrency?: number;
  };
}

/**
 * Starts every consumer and the periodic sweeps on pg-boss. Safe to run on many instances:
 * each job is claimed by one worker, each effect is guarded by the fulfilment log, and
 * pg-boss runs a cron schedule once across instances. Returns a stop function.
 *
 * @example
 * const jobs = createJobs({ connectionString: env.DATABASE_URL });
 * const stop = await startWorkers({ db, jobs, logger, resolveProvider, mailer: createMailer({ from }),
 *   recoveryUrl: (order) => `${env.CHECKOUT_URL}/retry/${order.id}` });
 */
export async function startWorkers(deps: WorkerDeps): Promise<{ stop: () => Promise<void> }> {
  const { boss } = deps.jobs;
  await deps.jobs.start();
  const payments: PaymentDeps = {
    db: deps.db,
    resolveProvider: deps.resolveProvider,
    jobs: deps.jobs.enqueuer,
    logger: deps.logger,
  };
  const reconcileAfter = deps.config?.reconcileAfterMs ?? 30 * 60_000;
  const cron = deps.config?.sweepCron ?? '*/10 * * * *';
  const pollingIntervalSeconds = deps.config?.pollingIntervalSeconds ?? 2;
  const localConcurrency = deps.config?.concurrency ?? 1;

  const consume = async <T extends object>(
    name: string,
    run: (data: T) => Promise<unknown>,
  ): Promise<void> => {
    await boss.work<T & { meta?: JobTraceMeta }>(
      name,
      { pollingIntervalSeconds, localConcurrency },
      async (batch: Job<T & { meta?: JobTraceMeta }>[]) => {
        for (const job of batch) {
          const { requestId, trace } = job.data.meta ?? {};
          const log = deps.logger.child({
            queue: name,
            jobId: job.id,
            ...(requestId ? { requestId } : {}),
          });
          await withSpan(
            `job ${name}`,
            {
              'prood.job.id': job.id,
              'prood.job.retry': job.retryCount,
              ...(requestId ? { 'prood.request_id': requestId } : {}),
            },
            async () => {
              const result = await run(job.data);
              log.info({ retry: job.retryCount, result }, 'job done');
            },
            { kind: SpanKind.CONSUMER, parent: trace },
          );
        }
      },
    );
  };

  await consume<OrderJobData & { resend?: number }>(JOB_QUEUES.orderConfirmationEmail, (data) =>
    sendOrderConfirmation(deps.db, deps.mailer, data),
  );
  await consume<OrderJobData>(JOB_QUEUES.orderShippedEmail, (data) =>
    sendShipmentNotification(deps.db, deps.mailer, data),
  );
  await consume<OrderJobData>(JOB_QUEUES.stockDecrement, (data) => decrementStock(deps.db, data));
  await consume<OrderJobData>(JOB_QUEUES.digitalFulfilment, (data) =>
    fulfillOrder(deps.db, data, { by: 'job' }).then((r) => r.outcome),
  );
  await consume<OrderJobData & { attempt: number }>(JOB_QUEUES.paymentRecoveryEmail, (data) =>
    sendPaymentRecovery(deps.db, deps.mailer, deps.recoveryUrl, data),
  );
  await consume<OrderJobData & { sessionId: string }>(JOB_QUEUES.checkoutAbandoned, (data) =>
    markCheckoutAbandoned(deps.db, data).then((r) => r.outcome),
  );
  await consume<object>(JOB_QUEUES.cleanupUnpaidOrders, () => cleanupUnpaidOrders(deps.db));
  await consume<object>(JOB_QUEUES.reconcilePendingOrders, () =>
    reconcilePendingOrders(payments, { olderThanMs: reconcileAfter }),
  );
  const webhooks = await startWebhookDelivery(
    boss,
    { db: deps.db, logger: deps.logger, mailer: deps.mailer, ...deps.webhooks },
    deps.webhooks,
  );
  await boss.schedule(JOB_QUEUES.cleanupUnpaidOrders, cron);
  await boss.schedule(JOB_QUEUES.reconcilePendingOrders, cron);

  return {
    async stop() {
      await webhooks.stop();
      for (const name of Object.values(JOB_QUEUES)) {
        if (name !== JOB_QUEUES.deadLetter) await boss.offWork(name).catch(() => {});
      }
    },
  };
}

/**
 * Hands an expired session reported by the checkout app's sweep to the `checkout-abandoned`
 * queue (for callers outside a transaction; `markCheckoutAbandoned` is the synchronous form).
 *
 * @example
 * await enqueueCheckoutAbandoned(db, jobs.enqueuer, { tenantId, orderId, sessionId });
 */
export async function enqueueCheckoutAbandoned(
  db: Database,
  enqueuer: Jobs['enqueuer'],
  data: OrderJobData & { sessionId: string },
): Promise<void> {
  await enqueuer.enqueue(db, { name: JOB_QUEUES.checkoutAbandoned, data });
}
