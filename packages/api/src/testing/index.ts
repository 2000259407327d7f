// Test helpers for other workspace packages' tests (never imported by product code).
export {
  createPayableOrder,
  createPaymentsHarness,
  createSandboxTenant,
  type PaymentsHarness,
  payWithSandboxCard,
  pendingSandboxDeliveries,
  type SandboxTenant,
} from '../payments/testing';
export { parseCsv } from './csv';
export { unreachableCheckout, unreachablePayments } from './fixtures';
export { serveFetchHandler } from './http';
export { startWebhookReceiver } from './receiver';
