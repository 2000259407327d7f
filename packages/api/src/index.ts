export { ApiError, ERROR_STATUS, type ErrorBody, type ErrorCode, httpStatusFor } from './errors';
export * from './jobs';
export { createLogger, type Logger } from './logger';
export * from './payments';
export * from './schemas';
export { checkoutLinesForOrder, getCheckoutOrderView } from './services/checkout';
export {
  type CheckoutAppClient,
  type CheckoutSessionInfo,
  type CreateSessionRequest,
  createHttpCheckoutAppClient,
} from './services/checkout-app-client';
export {
  type CheckoutBranding,
  type CheckoutOrderChange,
  type CheckoutPageLine,
  type CheckoutPageOrder,
  type CheckoutPageShippingOption,
  checkoutOrderChangeSchema,
  getCheckoutPageOrder,
  resolveCheckoutBranding,
  updateCheckoutOrder,
} from './services/checkout-page';
export type { TenantContext } from './services/context';
export { recoveryLink, resumeCheckoutFromRecovery } from './services/recovery';
export { assertAllowedRedirect } from './services/redirects';
export { computeOrderTotals, type OrderTotals } from './services/totals';
