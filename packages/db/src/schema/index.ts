export { apiKeys } from './api-keys';
export {
  accounts,
  invitations,
  members,
  organizations,
  sessions,
  users,
  verifications,
} from './auth';
export {
  cartItems,
  carts,
  idempotencyKeys,
} from './carts';
export {
  coupons,
  FULFILLMENT_METHODS,
  type FulfillmentMethod,
  prices,
  products,
  taxRates,
} from './catalog';
export {
  checkoutSettings,
  shippingRates,
} from './checkout-settings';
export {
  eventSequences,
  events,
  webhookDeliveries,
  webhookDeliveryAttempts,
  webhookEndpoints,
} from './events';
export { integrations } from './integrations';
export { mailOutbox } from './mail';
export {
  fulfillmentMethod,
  type OrderCustomer,
  type OrderSnapshot,
  orderItems,
  orderStatus,
  orders,
  type PostalAddress,
} from './orders';
export { paymentLinks } from './payment-links';
export {
  fulfillmentLog,
  paymentAttempts,
  payments,
  providerCustomers,
  refunds,
  subscriptions,
  webhookEvents,
  webhookRejections,
} from './payments';
export { sandboxObjects } from './sandbox';
