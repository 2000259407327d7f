import type { ProviderDefinition } from '../registry-types';
import {
  type MollieCredentials,
  maskMollieCredentials,
  mollieCredentialsMode,
  mollieCredentialsSchema,
} from './credentials';
import { MOLLIE_EVENT_MAP } from './payment';
import { createMollieProvider, type MollieRuntimeOptions } from './provider';

export { type MollieCredentials, mollieCredentialsSchema } from './credentials';
export { MOLLIE_EVENT_MAP } from './payment';
export {
  createMollieProvider,
  MOLLIE_METHODS,
  type MolliePaymentProvider,
  type MollieRuntimeOptions,
} from './provider';
export { parseMollieWebhook } from './webhooks';

export const mollieProviderDefinition = {
  id: 'mollie',
  label: 'Mollie',
  credentialsSchema: mollieCredentialsSchema,
  credentialFields: {
    apiKey: {
      label: 'API key',
      secret: true,
      placeholder: 'test_…',
      hint: 'test_ or live_ followed by 30 characters (Developers → API keys)',
    },
  },
  connectable: true,
  preference: 5,
  capabilities: ['refund', 'expire'],
  // Mollie's webhook is `id=tr_…` and nothing else: fetched back with the tenant's key
  webhook: { strategy: 'fetch-back', forwardHeaders: [] },
  // hosted checkout only: nothing of Mollie's loads on our page
  checkoutUi: { payment: 'redirect', csp: {} },
  events: MOLLIE_EVENT_MAP,
  modeOf: mollieCredentialsMode,
  mask: maskMollieCredentials,
  create: ({ tenantId, mode, credentials, runtime, environment }) =>
    createMollieProvider({
      tenantId,
      mode,
      credentials,
      runtime,
      webhookUrl: environment.webhookUrl,
      apiEndpoint: environment.apiBaseUrl,
    }),
} satisfies ProviderDefinition<'mollie', MollieCredentials, MollieRuntimeOptions>;
