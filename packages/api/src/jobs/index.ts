export { createJobs, type Jobs } from './create-jobs';
export { cleanupUnpaidOrders } from './handlers/cleanup-unpaid-orders';
export { decrementStock } from './handlers/decrement-stock';
export { reconcilePendingOrders } from './handlers/reconcile-pending-orders';
export { sendOrderConfirmation } from './handlers/send-order-confirmation';
export type { RecoveryUrl } from './handlers/send-payment-recovery';
export { sendPaymentRecovery } from './handlers/send-payment-recovery';
export {
  createMailer,
  listOutboxMail,
  type Mailer,
  type MailMessage,
  type OutboxMail,
} from './mailer';
export { JOB_QUEUES, type JobEnqueuer, type PaymentJob, QUEUE_OPTIONS } from './queues';
export { enqueueCheckoutAbandoned, startWorkers, type WorkerDeps } from './workers';
