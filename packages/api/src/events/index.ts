export {
  attemptDelivery,
  type DeliveryOutcome,
  retryDelayMs,
  signingSecrets,
  type WebhookDeliveryDeps,
} from './delivery';
export { emitEvent, transitionOrder } from './emit';
export { toEventResource } from './resources';
export { signedHeaders } from './signing';
export {
  assertDeliverableUrl,
  type EndpointMode,
  type ResolveHost,
  refusedAddressReason,
  systemResolver,
} from './ssrf';
export { API_VERSION, EVENT_TYPES, type EventType } from './types';
export { relayDueDeliveries, startWebhookDelivery, WEBHOOK_DELIVERY_QUEUE } from './worker';
