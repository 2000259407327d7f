export {
  type CreateDatabaseOptions,
  createDatabase,
  type Database,
  type Executor,
  getDatabase,
  isDatabaseUnavailable,
  pingDatabase,
} from './client';
export { assertPostgresUrl, ConfigError, dbEnv } from './env';
export * from './queries/api-keys';
export * from './queries/catalog';
export * from './queries/checkout-settings';
export * from './queries/events';
export * from './queries/integrations';
export {
  assertOrderTransition,
  canTransition,
  isPaidStatus,
  ORDER_TRANSITIONS,
  type OrderStatus,
  OrderTransitionError,
  PAID_STATUSES,
  UNPAID_STATUSES,
} from './queries/order-status';
export * from './queries/orders';
export {
  endPaymentAttempts,
  getLatestPaymentAttempt,
  getPaymentAttemptBySession,
  listOrdersToReconcile,
  openPaymentAttempt,
  type PaymentAttempt,
  recordProviderSession,
  reservePaymentAttempt,
} from './queries/payment-attempts';
export { scoped, type TenantScope } from './queries/scope';
export * from './queries/webhook-events';
