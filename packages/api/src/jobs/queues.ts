import type { Executor } from '@prood/db';
import type { Queue } from 'pg-boss';

/** Every queue the commerce API uses. Names are stable: they live in the `pgboss` schema. */
export const JOB_QUEUES = {
  orderConfirmationEmail: 'order-confirmation-email',
  orderShippedEmail: 'order-shipped-email',
  stockDecrement: 'order-stock-decrement',
  digitalFulfilment: 'order-digital-fulfilment',
  paymentRecoveryEmail: 'payment-recovery-email',
  checkoutAbandoned: 'checkout-abandoned',
  cleanupUnpaidOrders: 'cleanup-unpaid-orders',
  reconcilePendingOrders: 'reconcile-pending-orders',
  deadLetter: 'dead-letter',
} as const;

export type JobQueueName = (typeof JOB_QUEUES)[keyof typeof JOB_QUEUES];

/** Retries with exponential backoff (1 s, 2 s, 4 s … capped at 10 min), then the dead-letter queue. */
export const QUEUE_OPTIONS: Omit<Queue, 'name'> = {
  retryLimit: 8,
  retryDelay: 1,
  retryBackoff: true,
  retryDelayMax: 600,
  expireInSeconds: 300,
  deadLetter: JOB_QUEUES.deadLetter,
};

export interface OrderJobData {
  tenantId: string;
  orderId: string;
}

/** A side effect to run after a payment event, enqueued in the same transaction as the state change. */
export type PaymentJob =
  | {
      name: typeof JOB_QUEUES.orderConfirmationEmail;
      /** `resend`: the merchant's n-th resend of the receipt (each is mailed once). */
      data: OrderJobData & { resend?: number };
    }
  | { name: typeof JOB_QUEUES.orderShippedEmail; data: OrderJobData }
  | { name: typeof JOB_QUEUES.stockDecrement; data: OrderJobData }
  | { name: typeof JOB_QUEUES.digitalFulfilment; data: OrderJobData }
  | {
      name: typeof JOB_QUEUES.paymentRecoveryEmail;
      data: OrderJobData & { attempt: number };
      /** Gives the shopper time to retry on the open checkout before mailing them. */
      startAfterSeconds?: number;
    }
  | {
      name: typeof JOB_QUEUES.checkoutAbandoned;
      data: OrderJobData & { sessionId: string };
    };

/**
 * Where side-effect jobs go. `enqueue` must write through `db` so the job commits or rolls back
 * with the caller's transaction; several jobs passed together are written in one round trip.
 */
export interface JobEnqueuer {
  enqueue(db: Executor, jobs: PaymentJob | readonly PaymentJob[]): Promise<void>;
}
