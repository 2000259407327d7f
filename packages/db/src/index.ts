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
export {
  type ApiKey,
  type ApiKeyMode,
  findActiveApiKey,
  generateApiKeySecret,
  hashApiKeySecret,
  insertApiKey,
  isApiKeySecret,
  revokeApiKey,
} from './queries/api-keys';
export {
  type Coupon,
  getCouponByCode,
  getProduct,
  listPrices,
  listProducts,
  listTaxRates,
  type Price,
  type Product,
  type TaxRate,
} from './queries/catalog';
export {
  type CheckoutSettings,
  deactivateShippingRate,
  getCheckoutSettings,
  insertShippingRate,
  listShippingRates,
  type ShippingRate,
  upsertCheckoutSettings,
  withCheckoutDefaults,
} from './queries/checkout-settings';
export {
  DASHBOARD_ORDER_VIEWS,
  type DashboardOrderView,
  type ListDashboardOrdersFilter,
  listDashboardOrders,
  listOrderHistory,
  listOrderMoney,
  type OrderEffect,
  type OrderHistory,
  type OrderKeyset,
  type OrderPayment,
  type OrderPaymentAttempt,
  type OrderRefund,
} from './queries/dashboard-orders';
export {
  appendEvent,
  claimDueDeliveries,
  DELIVERY_RETRY_WINDOW_MS,
  deleteWebhookEndpoint,
  getEvent,
  getWebhookDelivery,
  getWebhookEndpoint,
  insertWebhookEndpoint,
  type ListDeliveriesFilter,
  type ListEventsFilter,
  listDeliveryAttempts,
  listEvents,
  listWebhookDeliveries,
  listWebhookEndpoints,
  loadDeliveryForAttempt,
  type MerchantEvent,
  recordDeliveryAttempt,
  updateWebhookEndpoint,
  type WebhookDelivery,
  type WebhookDeliveryAttempt,
  type WebhookEndpoint,
} from './queries/events';
export {
  getIntegration,
  getOrganization,
  getOrganizationIntegration,
  type Integration,
  listIntegrations,
  type Organization,
} from './queries/integrations';
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
export {
  findOrderByCheckoutSessionId,
  getOrder,
  getOrderByReference,
  type ListOrdersFilter,
  listExpiredUnpaidOrders,
  listOrderItems,
  listOrders,
  newOrderReference,
  type Order,
  type OrderItem,
  transitionOrderStatus,
} from './queries/orders';
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
export {
  recordWebhookEvent,
  type WebhookEvent,
} from './queries/webhook-events';
