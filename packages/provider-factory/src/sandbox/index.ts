import { NORMALIZED_PAYMENT_EVENT_TYPES, ProviderError } from '@prood/checkout';
import type { ProviderDefinition } from '../registry-types';
import {
  maskSandboxCredentials,
  type SandboxCredentials,
  sandboxCredentialsSchema,
} from './credentials';
import { createSandboxProvider } from './provider';
import type { SandboxRuntime } from './runtime';

export { type SandboxCredentials, sandboxCredentialsSchema } from './credentials';
export {
  type DeliverSandboxWebhooksOptions,
  type DeliverSandboxWebhooksResult,
  deliverPendingSandboxWebhooks,
  SANDBOX_WEBHOOK_TIMEOUT_MS,
  type SandboxWorkerLoop,
  sandboxRetryDelayMs,
  startSandboxWorkerLoop,
} from './delivery';
export { createDrizzleSandboxStore } from './drizzle-store';
export { mapSandboxEvent, type SandboxEvent, sandboxEventSchema } from './events';
export type { SandboxDelivery } from './model';
export {
  completeSandboxAuthentication,
  getSandboxCheckout,
  type SandboxCardResult,
  type SandboxCheckoutView,
  settleDueSandboxPayments,
  submitSandboxCard,
} from './page';
export { createSandboxProvider, type SandboxPaymentProvider } from './provider';
export {
  SANDBOX_PAY_PATH,
  SANDBOX_WEBHOOK_PATH,
  type SandboxRuntime,
  sandboxPaymentPageUrl,
  sandboxWebhookUrl,
} from './runtime';
export {
  SANDBOX_WEBHOOK_TOLERANCE_SECONDS,
  signSandboxWebhook,
  verifySandboxWebhook,
} from './signing';
export {
  createMemorySandboxStore,
  type SandboxKind,
  type SandboxRecord,
  type SandboxStore,
} from './store';
export {
  findSandboxTestCard,
  SANDBOX_CARD_ASYNC,
  SANDBOX_CARD_DECLINED,
  SANDBOX_CARD_INSUFFICIENT_FUNDS,
  SANDBOX_CARD_REQUIRES_ACTION,
  SANDBOX_CARD_SUCCEEDS,
  SANDBOX_TEST_CARDS,
  type SandboxCardBehaviour,
  type SandboxTestCard,
} from './test-cards';

export const sandboxProviderDefinition = {
  id: 'sandbox',
  label: 'Sandbox (test mode, offline)',
  credentialsSchema: sandboxCredentialsSchema,
  credentialFields: {
    webhookSecret: {
      label: 'Webhook signing secret',
      secret: true,
      placeholder: 'whsec_…',
      hint: 'whsec_ followed by base64 (at least 12 bytes)',
    },
  },
  // seeded for every tenant with a generated secret; nothing for a merchant to type in
  connectable: false,
  preference: 0,
  capabilities: ['refund', 'expire', 'customers', 'subscriptions'],
  // Standard Webhooks: id + timestamp + signature
  webhook: {
    strategy: 'signature',
    forwardHeaders: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
  },
  // the test-card form on our own page, served from this origin
  checkoutUi: { payment: 'inline-card-form', csp: {} },
  // its events already speak our vocabulary, one to one
  events: Object.fromEntries(NORMALIZED_PAYMENT_EVENT_TYPES.map((type) => [type, [type]])),
  // the sandbox moves no money: it is test mode wherever it shows
  modeOf: () => 'test',
  mask: maskSandboxCredentials,
  create: ({ tenantId, mode, credentials, runtime }) => {
    if (!runtime) {
      throw new ProviderError(
        'provider_unavailable',
        'the sandbox provider needs context.sandbox ({ store, checkoutBaseUrl })',
        { provider: 'sandbox', retryable: false },
      );
    }
    if (mode !== 'test') {
      throw new ProviderError('mode_mismatch', 'the sandbox integration is test mode only', {
        provider: 'sandbox',
      });
    }
    return createSandboxProvider({ tenantId, credentials, runtime });
  },
} satisfies ProviderDefinition<'sandbox', SandboxCredentials, SandboxRuntime>;
