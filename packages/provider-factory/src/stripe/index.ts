import type { ProviderDefinition } from '../registry-types';
import type { StripeRuntimeOptions } from './client';
import {
  maskStripeCredentials,
  type StripeCredentials,
  stripeCredentialsMode,
  stripeCredentialsSchema,
} from './credentials';
import { createStripeProvider } from './provider';

export { STRIPE_API_VERSION } from './api-version';
export type { StripeRuntimeOptions } from './client';
export {
  type StripeCredentials,
  stripeCredentialsMode,
  stripeCredentialsSchema,
} from './credentials';
export { HANDLED_STRIPE_EVENT_TYPES } from './events';
export { clampStripeExpiry } from './expiry';
export { createStripeProvider, type StripePaymentProvider } from './provider';
export { registerStripeWebhookEndpoint, STRIPE_WEBHOOK_EVENTS } from './webhook-endpoint';
export { parseStripeWebhook, STRIPE_WEBHOOK_TOLERANCE_SECONDS } from './webhooks';

export const stripeProviderDefinition = {
  id: 'stripe',
  label: 'Stripe',
  credentialsSchema: stripeCredentialsSchema,
  modeOf: stripeCredentialsMode,
  mask: maskStripeCredentials,
  create: ({ tenantId, mode, credentials, runtime }) =>
    createStripeProvider({ tenantId, mode, credentials, runtime }),
} satisfies ProviderDefinition<'stripe', StripeCredentials, StripeRuntimeOptions>;
