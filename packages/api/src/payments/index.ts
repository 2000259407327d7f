export { checkoutSecretMatches } from '@prood/checkout-host';
export { type AbandonedCheckout, markCheckoutAbandoned } from './abandonment';
export {
  confirmOrderPayment,
  eventsFromPaymentStatus,
  type LoadProviderSessionId,
  reconcileOrderWithProvider,
} from './confirm';
export type { PaymentDeps, ResolveProvider, WebhookIngestDeps } from './deps';
export { type AppliedEffect, applyPaymentEvents } from './events';
export { fulfillOrder, RECEIPT_RESEND_LIMIT, resendReceipt, type Shipment } from './fulfilment';
export {
  createPaymentWebhookHandler,
  ingestPaymentWebhook,
  type PaymentWebhookInput,
  type PaymentWebhookResult,
} from './ingest-webhook';
export { ORDER_TRANSITIONS } from './order-rules';
export {
  type ProviderSessionStarted,
  providerSessionStartedSchema,
  recordProviderSessionStarted,
} from './payment-attempts';
export { recordAndApplyEvents } from './record-and-apply';
export { type Refund, type RefundOrderInput, refundOrder } from './refunds';
export type { PaymentRuntime } from './runtime';
export { createRefundSchema, refundSchema } from './schemas';
