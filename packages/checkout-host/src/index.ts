export { type CancelCheckoutSessionResult, cancelCheckoutSession } from './cancel-session';
export { checkoutSecretMatches } from './checkout-secret';
export {
  ConfigError,
  DEFAULT_FORWARD_TIMEOUT_MS,
  hostEnv,
  MAX_FORWARD_TIMEOUT_MS,
  resolveUpstashCredentials,
} from './env';
export {
  CheckoutHostError,
  type CheckoutHostErrorCode,
  CheckoutInputError,
  type InputIssue,
  isSessionConflictError,
  SessionConflictError,
  SessionNotFoundError,
} from './errors';
export {
  CHECKOUT_SECRET_HEADER,
  type ForwardErrorCode,
  type ForwardOptions,
  type ForwardPaymentWebhookInput,
  type ForwardResult,
  forwardPaymentWebhook,
  PROVIDER_EVENT_ID_HEADER,
  reportWebhookRejection,
  type WebhookRejectionNotice,
} from './forward-webhook';
export {
  CHECKOUT_PROVIDER_IDS,
  type CheckoutProviderId,
  type CreateCheckoutSessionInput,
  type CreatePaymentLinkInput,
  DEFAULT_PAYMENT_LINK_TTL_SECONDS,
  DEFAULT_SESSION_TTL_SECONDS,
} from './inputs';
export { type CheckoutPageState, checkoutPageState } from './page-state';
export {
  type ReceiveProviderWebhookInput,
  type ReceiveProviderWebhookOptions,
  receiveProviderWebhook,
} from './receive-webhook';
export {
  type CreatedCheckoutSession,
  createCheckoutSession,
  createPaymentLink,
  createStartedCheckoutSession,
  loadAndHydrate,
  loadSession,
  type SessionCallOptions,
  type StartedCheckoutSession,
  type SweepResult,
  saveSession,
  sweepExpiredSessions,
} from './sessions';
export { createMemorySessionStore } from './store/memory-store';
export {
  configureSessionStore,
  createSessionStoreFromEnv,
  getSessionStore,
} from './store/select-store';
export { createSqliteSessionStore, type SqliteSessionStoreOptions } from './store/sqlite-store';
export {
  type CompareAndSetResult,
  DEFAULT_EXPIRY_INDEX_KEY,
  type ExpiredSession,
  type SessionStore,
  type SessionWrite,
  sessionKey,
} from './store/types';
export { createUpstashSessionStore, type UpstashSessionStoreOptions } from './store/upstash-store';
export { buildCheckoutSessionUrl, CHECKOUT_SESSION_PATH, resolveCheckoutBaseUrl } from './urls';
