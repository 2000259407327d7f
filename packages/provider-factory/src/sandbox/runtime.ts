import type { SandboxStore } from './store';

/**
 * What the sandbox needs besides a tenant's credentials: where its state lives and where the
 * checkout app is. The same runtime serves the provider, the payment page and the job runner.
 */
export interface SandboxRuntime {
  store: SandboxStore;
  /** Public base URL of the checkout app (`CHECKOUT_URL`), e.g. `http://localhost:3004`. */
  checkoutBaseUrl: string;
  /** Webhook target per tenant; default `${checkoutBaseUrl}/api/webhooks/sandbox/${tenantId}`. */
  webhookUrl?: ((tenantId: string) => string) | undefined;
  /** How long the asynchronous test card stays `processing`; default 10 s. */
  asyncSettleDelayMs?: number | undefined;
  /** Injectable clock (tests); default `new Date()`. */
  now?: (() => Date) | undefined;
  /** Called after events are queued, e.g. to wake the in-process delivery loop. */
  onEventsQueued?: (() => void) | undefined;
}

/**
 * The delivery loops running in this process. Kept on `globalThis` because Next.js bundles the
 * instrumentation hook (which starts the loop) and the routes (which queue events) separately,
 * each with its own copy of this module: a wake-up set in one was never seen by the other, so
 * the first webhook waited for the loop's next tick.
 */
const LOOPS = Symbol.for('prood.sandbox.deliveryLoops');

export function sandboxDeliveryLoops(): Set<() => void> {
  const holder = globalThis as { [LOOPS]?: Set<() => void> };
  holder[LOOPS] ??= new Set();
  return holder[LOOPS];
}

/** After events are queued: the runtime's hook, and every delivery loop in this process. */
export function announceSandboxEvents(runtime: Pick<SandboxRuntime, 'onEventsQueued'>): void {
  runtime.onEventsQueued?.();
  for (const kick of sandboxDeliveryLoops()) kick();
}

export const SANDBOX_PAY_PATH = '/sandbox/pay';
export const SANDBOX_WEBHOOK_PATH = '/api/webhooks/sandbox';
export const DEFAULT_ASYNC_SETTLE_DELAY_MS = 10_000;

export function sandboxNow(runtime: Pick<SandboxRuntime, 'now'>): Date {
  return runtime.now?.() ?? new Date();
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The shopper's sandbox payment page in the checkout app.
 *
 * @example
 * sandboxPaymentPageUrl('http://localhost:3004', 'sbx_cs_…') // 'http://localhost:3004/sandbox/pay/sbx_cs_…'
 */
export function sandboxPaymentPageUrl(checkoutBaseUrl: string, sandboxSessionId: string): string {
  return `${trimSlash(checkoutBaseUrl)}${SANDBOX_PAY_PATH}/${sandboxSessionId}`;
}

/**
 * Where the sandbox posts a tenant's webhooks: the checkout app's provider webhook route.
 *
 * @example
 * sandboxWebhookUrl(runtime, 'org_…') // 'http://localhost:3004/api/webhooks/sandbox/org_…'
 */
export function sandboxWebhookUrl(
  runtime: Pick<SandboxRuntime, 'checkoutBaseUrl' | 'webhookUrl'>,
  tenantId: string,
): string {
  return (
    runtime.webhookUrl?.(tenantId) ??
    `${trimSlash(runtime.checkoutBaseUrl)}${SANDBOX_WEBHOOK_PATH}/${encodeURIComponent(tenantId)}`
  );
}
