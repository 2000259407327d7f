import type { SandboxDelivery } from './model';
import { settleDueSandboxPayments } from './page';
import { type SandboxRuntime, sandboxDeliveryLoops } from './runtime';
import { signSandboxWebhook } from './signing';
import type { SandboxRecord, SandboxStore } from './store';

/**
 * How long the sandbox, as a provider, waits for the receiver's answer before it counts the
 * delivery as failed (GitHub's and Stripe's order of magnitude: about 10 s).
 */
export const SANDBOX_WEBHOOK_TIMEOUT_MS = 10_000;

/** Retry schedule: 5 s, 10 s, 20 s … capped at one hour, then given up after `maxAttempts`. */
export function sandboxRetryDelayMs(attempt: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

export interface DeliverSandboxWebhooksOptions {
  store: SandboxStore;
  /**
   * The tenant's sandbox `whsec_` secret, opened at send time so that no secret is stored beside
   * the deliveries; `undefined` (integration removed) gives the delivery up.
   */
  resolveWebhookSecret: (tenantId: string) => Promise<string | undefined>;
  fetch?: typeof fetch | undefined;
  now?: (() => Date) | undefined;
  /** Attempts before a delivery is marked `failed`; default 8 (about 10 minutes of retries). */
  maxAttempts?: number | undefined;
  retryDelayMs?: ((attempt: number) => number) | undefined;
  /** Per request; default `SANDBOX_WEBHOOK_TIMEOUT_MS` (10 s). */
  timeoutMs?: number | undefined;
  /** Deliveries per run; default 50. */
  limit?: number | undefined;
  tenantId?: string | undefined;
}

export interface DeliverSandboxWebhooksResult {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

// A claim pushes nextAttemptAt this far ahead: another worker skips the delivery meanwhile, and a
// worker that dies mid-send leaves it to be retried after the lease.
const LEASE_MS = 60_000;

async function sendOne(
  options: DeliverSandboxWebhooksOptions,
  record: SandboxRecord<SandboxDelivery>,
): Promise<{ ok: boolean; status?: number | undefined; error?: string | undefined }> {
  const secret = await options.resolveWebhookSecret(record.tenantId);
  if (!secret) return { ok: false, error: 'no sandbox integration for this tenant' };
  const headers = signSandboxWebhook({
    secret,
    id: record.data.eventId,
    // the receiver checks this against its wall clock, so it is never the injected scheduling clock
    timestamp: new Date(),
    payload: record.data.payload,
  });
  try {
    const response = await (options.fetch ?? fetch)(record.data.url, {
      method: 'POST',
      headers: {
        ...headers,
        'content-type': 'application/json',
        'user-agent': 'prood-sandbox-webhooks/1',
      },
      body: record.data.payload,
      signal: AbortSignal.timeout(options.timeoutMs ?? SANDBOX_WEBHOOK_TIMEOUT_MS),
    });
    // drain the body so the connection can be reused
    await response.arrayBuffer().catch(() => undefined);
    return { ok: response.ok, status: response.status };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.name : 'request failed' };
  }
}

/**
 * Posts every due sandbox webhook to the checkout app, signed Standard-Webhooks style at send
 * time. A 2xx marks it delivered; anything else reschedules it with exponential backoff until
 * `maxAttempts`. Safe to run from several workers at once (deliveries are claimed by revision).
 *
 * @example
 * await deliverPendingSandboxWebhooks({ store, resolveWebhookSecret: sandboxSecretFromDatabase(db, keyring) });
 */
export async function deliverPendingSandboxWebhooks(
  options: DeliverSandboxWebhooksOptions,
): Promise<DeliverSandboxWebhooksResult> {
  const clock = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 8;
  const retryDelayMs = options.retryDelayMs ?? sandboxRetryDelayMs;
  const result: DeliverSandboxWebhooksResult = {
    attempted: 0,
    delivered: 0,
    retrying: 0,
    failed: 0,
  };
  const pending = await options.store.find<SandboxDelivery>('delivery', {
    tenantId: options.tenantId,
    match: { status: 'pending' },
    limit: 500,
  });
  const due = pending
    .filter((record) => new Date(record.data.nextAttemptAt) <= clock())
    .slice(0, options.limit ?? 50);

  for (const record of due) {
    const claimedAt = clock();
    const claimed: SandboxDelivery = {
      ...record.data,
      nextAttemptAt: new Date(claimedAt.getTime() + LEASE_MS).toISOString(),
    };
    if (!(await options.store.update('delivery', record, claimed))) continue;
    result.attempted += 1;
    const outcome = await sendOne(options, record);
    const attempts = record.data.attempts + 1;
    const finishedAt = clock();
    let next: SandboxDelivery;
    if (outcome.ok) {
      next = {
        ...claimed,
        status: 'delivered',
        attempts,
        lastStatus: outcome.status,
        lastError: undefined,
        deliveredAt: finishedAt.toISOString(),
      };
      result.delivered += 1;
    } else if (attempts >= maxAttempts) {
      next = {
        ...claimed,
        status: 'failed',
        attempts,
        lastStatus: outcome.status,
        lastError: outcome.error,
      };
      result.failed += 1;
    } else {
      next = {
        ...claimed,
        attempts,
        lastStatus: outcome.status,
        lastError: outcome.error,
        nextAttemptAt: new Date(finishedAt.getTime() + retryDelayMs(attempts)).toISOString(),
      };
      result.retrying += 1;
    }
    await options.store.update('delivery', { ...record, rev: record.rev + 1 }, next);
  }
  return result;
}

export interface SandboxWorkerLoop {
  /** Runs a pass soon (e.g. right after an event was queued). */
  kick(): void;
  /** Stops the loop and waits for a running pass. */
  stop(): Promise<void>;
}

/**
 * The in-process loop for `pnpm dev`: settles due asynchronous payments and delivers due
 * webhooks every `intervalMs` (default 1 s), and right away when kicked. Production runs the
 * same two functions from its job runner instead.
 *
 * @example
 * const loop = startSandboxWorkerLoop({ runtime, resolveWebhookSecret });
 * runtime.onEventsQueued = () => loop.kick();
 */
export function startSandboxWorkerLoop(
  options: Omit<DeliverSandboxWebhooksOptions, 'store'> & {
    runtime: SandboxRuntime;
    intervalMs?: number | undefined;
    onError?: ((error: unknown) => void) | undefined;
  },
): SandboxWorkerLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  // Deliveries first: a pass is mostly woken by a payment that just queued its webhook, and that
  // webhook goes out before the sweep for due asynchronous payments. A payment settled by the
  // sweep queues an event and kicks the loop, so it is delivered by the pass right after.
  const pass = async () => {
    try {
      await deliverPendingSandboxWebhooks({ ...options, store: options.runtime.store });
      await settleDueSandboxPayments(options.runtime);
    } catch (error) {
      options.onError?.(error);
    }
  };
  // a kick during a pass runs another one right after it: that pass may have read the pending
  // deliveries before the new one was stored
  let kickedWhileRunning = false;
  const schedule = (delay: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      kickedWhileRunning = false;
      running = pass().finally(() => {
        running = undefined;
        schedule(kickedWhileRunning ? 0 : (options.intervalMs ?? 1_000));
      });
    }, delay);
    timer.unref();
  };
  const kick = () => {
    if (running) kickedWhileRunning = true;
    else schedule(0);
  };
  sandboxDeliveryLoops().add(kick);
  schedule(0);
  return {
    kick,
    async stop() {
      stopped = true;
      sandboxDeliveryLoops().delete(kick);
      clearTimeout(timer);
      await running;
    },
  };
}
