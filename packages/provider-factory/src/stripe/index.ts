import type { ProviderDefinition, WebhookEndpointRegistration } from '../registry-types';
import { type StripeRuntimeOptions, stripeHostOf } from './client';
import {
  maskStripeCredentials,
  type StripeCredentials,
  type StripeRegisteringCredentials,
  stripeCredentialsMode,
  stripeCredentialsSchema,
  stripeRegisteringCredentialsSchema,
} from './credentials';
import { STRIPE_EVENT_MAP } from './events';
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
export {
  deleteStripeWebhookEndpoint,
  registerStripeWebhookEndpoint,
  STRIPE_WEBHOOK_EVENTS,
} from './webhook-endpoint';

import { verifyStripeCredentials } from './verify-credentials';
import { deleteStripeWebhookEndpoint, registerStripeWebhookEndpoint } from './webhook-endpoint';

export { parseStripeWebhook, STRIPE_WEBHOOK_TOLERANCE_SECONDS } from './webhooks';
export { verifyStripeCredentials };

/** Stripe registers the tenant's endpoint through its API where the key allows it. */
const stripeWebhookEndpoints: WebhookEndpointRegistration<
  StripeCredentials,
  StripeRegisteringCredentials
> = {
  secretField: 'webhookSecret',
  endpointIdField: 'webhookEndpointId',
  credentialsSchema: stripeRegisteringCredentialsSchema,
  modeOf: stripeCredentialsMode,
  async register({ credentials, tenantId, url, environment }) {
    const runtime = stripeHostOf(environment.apiBaseUrl);
    // a fake key is refused with Stripe's words before anything is created
    await verifyStripeCredentials(credentials, runtime);
    const registered = await registerStripeWebhookEndpoint(credentials, { url, tenantId }, runtime);
    return { endpointId: registered.endpointId, signingSecret: registered.webhookSecret };
  },
  remove: ({ credentials, endpointId, environment }) =>
    deleteStripeWebhookEndpoint(credentials, endpointId, stripeHostOf(environment.apiBaseUrl)),
};

export const stripeProviderDefinition = {
  id: 'stripe',
  label: 'Stripe',
  credentialsSchema: stripeCredentialsSchema,
  credentialFields: {
    secretKey: {
      label: 'Secret key',
      secret: true,
      placeholder: 'sk_test_…',
      hint: 'sk_… or a restricted key rk_…',
    },
    publishableKey: { label: 'Publishable key', secret: false, placeholder: 'pk_test_…' },
    webhookSecret: {
      label: 'Webhook signing secret',
      secret: true,
      placeholder: 'whsec_…',
      hint: 'from the Stripe webhook endpoint you point at the URL above',
    },
    webhookEndpointId: {
      label: 'Webhook endpoint id',
      secret: false,
      optional: true,
      managed: true,
    },
    accountId: {
      label: 'Connected account id',
      secret: false,
      placeholder: 'acct_…',
      hint: 'only for Stripe Connect',
      optional: true,
    },
  },
  connectable: true,
  preference: 10,
  capabilities: ['refund', 'expire', 'customers', 'billing_portal', 'subscriptions'],
  webhook: { strategy: 'signature', forwardHeaders: ['stripe-signature'] },
  checkoutUi: {
    // the Payment Element on our page; Stripe Checkout for subscriptions and "hosted" tenants
    payment: 'embedded-element',
    // Stripe's CSP guide for Stripe.js: the script, its frames (card fields, 3-D Secure), its API
    csp: {
      'script-src': ['https://js.stripe.com', 'https://*.js.stripe.com'],
      'frame-src': ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
      'connect-src': ['https://api.stripe.com'],
      'img-src': ['https://*.stripe.com'],
    },
  },
  events: STRIPE_EVENT_MAP,
  modeOf: stripeCredentialsMode,
  mask: maskStripeCredentials,
  create: ({ tenantId, mode, credentials, runtime, environment }) =>
    createStripeProvider({
      tenantId,
      mode,
      credentials,
      runtime: { ...stripeHostOf(environment.apiBaseUrl), ...runtime },
    }),
  verifyCredentials: (credentials, environment) =>
    verifyStripeCredentials(credentials, stripeHostOf(environment.apiBaseUrl)),
  webhookEndpoints: stripeWebhookEndpoints,
} satisfies ProviderDefinition<'stripe', StripeCredentials, StripeRuntimeOptions>;
