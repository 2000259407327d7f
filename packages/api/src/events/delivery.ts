import {
  type AttemptRecord,
  type Database,
  DELIVERY_RETRY_WINDOW_MS,
  type DeliveryForAttempt,
  disableEnabledWebhookEndpoint,
  failWebhookDelivery,
  hasSucceededAttemptSince,
  listTenantAdminEmails,
  loadDeliveriesForAttempt,
  recordDeliveryAttempts,
  type WebhookEndpoint,
} from '@prood/db';
import { newId } from '@prood/validators';
import type { Mailer } from '../jobs/mailer';
import type { Logger } from '../logger';
import { postWebhook } from './http-post';
import { toEventResource } from './resources';
import { signedHeaders } from './signing';
import { type ResolveHost, systemResolver } from './ssrf';

/** What delivering needs; `now`, `random` and `resolveHost` are injectable for tests. */
export interface WebhookDeliveryDeps {
  db: Database;
  logger: Logger;
  /** Mails the merchant when an endpoint is disabled after 3 days of failures. */
  mailer?: Mailer | undefined;
  resolveHost?: ResolveHost | undefined;
  now?: (() => Date) | undefined;
  random?: (() => number) | undefined;
  /** A 2xx must arrive within this; default 10 s. */
  timeoutMs?: number | undefined;
}

export const DELIVERY_TIMEOUT_MS = 10_000;
const FIRST_RETRY_MS = 10_000;
const MAX_RETRY_MS = 6 * 3_600_000;

/**
 * Delay before retry `failures` (1 = after the first failed attempt): exponential from 10 s,
 * capped at 6 h, with ±25 % jitter so many failing deliveries do not retry in lockstep.
 *
 * @example
 * retryDelayMs(3, () => 0.5) // 40_000
 */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.75 + 0.5 * random()));
}

/** The secrets that sign now: the current one, and the previous one during its 24 h overlap. */
export function signingSecrets(endpoint: WebhookEndpoint, now: Date): string[] {
  return endpoint.previousSecret &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt > now
    ? [endpoint.secret, endpoint.previousSecret]
    : [endpoint.secret];
}

export type DeliveryOutcome = 'succeeded' | 'retrying' | 'failed' | 'skipped';

/** Which delivery to attempt; what a pg-boss job of the delivery queue carries. */
export interface DeliveryScope {
  tenantId: string;
  deliveryId: string;
}

/**
 * Makes one attempt of one delivery: signs the event with the endpoint's secret(s), POSTs it
 * (2xx within the timeout = success), records the attempt, and either completes the delivery,
 * schedules the next try (exponential backoff with jitter), or — past its 3-day window —
 * gives up, disabling the endpoint and mailing the merchant if nothing reached it meanwhile.
 * No row lock is held during the HTTP call.
 *
 * @example
 * await attemptDelivery(deps, { tenantId: 'org_…', deliveryId: 'whd_…' }); // 'succeeded'
 */
export async function attemptDelivery(
  deps: WebhookDeliveryDeps,
  scope: DeliveryScope,
): Promise<DeliveryOutcome> {
  const [outcome] = await attemptDeliveries(deps, [scope]);
  return outcome ?? 'skipped';
}

/**
 * `attemptDelivery` for a batch (one pg-boss fetch): one read loads every delivery with its
 * endpoint and event, the POSTs run in parallel, and one statement records every attempt. The
 * outcomes come back in the order of `scopes`.
 *
 * @example
 * await attemptDeliveries(deps, jobs.map((job) => job.data)); // ['succeeded', 'retrying']
 */
export async function attemptDeliveries(
  deps: WebhookDeliveryDeps,
  scopes: readonly DeliveryScope[],
  /** Runs each POST; the worker passes a limiter so its batches share `concurrency` slots. */
  throttle: <T>(post: () => Promise<T>) => Promise<T> = (post) => post(),
): Promise<DeliveryOutcome[]> {
  const now = deps.now?.() ?? new Date();
  const loaded = new Map(
    (await loadDeliveriesForAttempt(deps.db, scopes)).map((row) => [row.delivery.id, row]),
  );
  const tried = await Promise.all(
    scopes.map(async (scope) => {
      const row = loaded.get(scope.deliveryId);
      if (row?.delivery.tenantId !== scope.tenantId || row.delivery.status !== 'pending') {
        return { outcome: 'skipped' as const };
      }
      if (row.endpoint.status !== 'enabled') {
        // a paused or disabled endpoint gets nothing; its owed deliveries end here
        await failWebhookDelivery(deps.db, {
          tenantId: scope.tenantId,
          deliveryId: row.delivery.id,
        });
        return { outcome: 'failed' as const };
      }
      return attemptOne(deps, row, now, throttle);
    }),
  );
  await recordDeliveryAttempts(
    deps.db,
    tried.flatMap((t) => ('record' in t ? [t.record] : [])),
  );
  for (const t of tried) {
    if (!('record' in t)) continue;
    const { delivery, endpoint, event } = t.row;
    if (t.outcome === 'failed') await disableIfFailing(deps, endpoint, delivery.giveUpAt, now);
    deps.logger.info(
      {
        tenantId: delivery.tenantId,
        deliveryId: delivery.id,
        endpointId: endpoint.id,
        eventType: event.type,
        status: t.record.attempt.responseStatus,
        ms: t.record.attempt.durationMs,
        outcome: t.outcome,
      },
      'webhook attempt',
    );
  }
  return tried.map((t) => t.outcome);
}

/** Signs and POSTs one loaded delivery; returns its outcome and the attempt to record. */
async function attemptOne(
  deps: WebhookDeliveryDeps,
  row: DeliveryForAttempt,
  now: Date,
  throttle: <T>(post: () => Promise<T>) => Promise<T>,
): Promise<{ outcome: DeliveryOutcome; record: AttemptRecord; row: DeliveryForAttempt }> {
  const { delivery, endpoint, event } = row;
  const body = JSON.stringify(toEventResource(event));
  const headers = signedHeaders(signingSecrets(endpoint, now), event.id, now, body);
  const result = await throttle(() =>
    postWebhook({
      url: endpoint.url,
      mode: endpoint.mode,
      body,
      headers,
      timeoutMs: deps.timeoutMs ?? DELIVERY_TIMEOUT_MS,
      resolveHost: deps.resolveHost ?? systemResolver,
    }),
  );
  const attempts = delivery.attemptCount + 1;
  let outcome: DeliveryOutcome = 'succeeded';
  let nextAttemptAt: Date | null = null;
  if (!result.ok) {
    const next = new Date(now.getTime() + retryDelayMs(attempts, deps.random));
    outcome = next <= delivery.giveUpAt ? 'retrying' : 'failed';
    nextAttemptAt = outcome === 'retrying' ? next : null;
  }
  return {
    outcome,
    row,
    record: {
      attempt: {
        id: newId('webhookAttempt'),
        tenantId: delivery.tenantId,
        deliveryId: delivery.id,
        attemptedAt: now,
        succeeded: result.ok,
        responseStatus: result.status,
        responseExcerpt: result.excerpt,
        error: result.error,
        durationMs: result.durationMs,
      },
      delivery: {
        status: outcome === 'retrying' ? 'pending' : outcome,
        attemptCount: attempts,
        nextAttemptAt,
        lastResponseStatus: result.status,
      },
    },
  };
}

/**
 * After a delivery gave up: when no attempt to the endpoint succeeded during that delivery's
 * 3-day window, the endpoint is disabled (once) and the tenant's owners and admins are mailed.
 */
async function disableIfFailing(
  deps: WebhookDeliveryDeps,
  endpoint: WebhookEndpoint,
  giveUpAt: Date,
  now: Date,
): Promise<void> {
  const windowStart = new Date(giveUpAt.getTime() - DELIVERY_RETRY_WINDOW_MS);
  const succeeded = await hasSucceededAttemptSince(deps.db, {
    tenantId: endpoint.tenantId,
    endpointId: endpoint.id,
    since: windowStart,
  });
  if (succeeded) return;
  await deps.db.transaction(async (tx) => {
    const disabled = await disableEnabledWebhookEndpoint(tx, {
      tenantId: endpoint.tenantId,
      endpointId: endpoint.id,
      reason: `No delivery succeeded for 3 days (last attempt ${now.toISOString()}).`,
    });
    if (!disabled || !deps.mailer) return;
    const recipients = await listTenantAdminEmails(tx, { tenantId: endpoint.tenantId });
    for (const email of recipients) {
      await deps.mailer.send(tx, {
        tenantId: endpoint.tenantId,
        kind: 'webhook_endpoint_disabled',
        to: email,
        subject: 'A webhook endpoint was disabled',
        text: [
          `Deliveries to ${endpoint.url} have failed for 3 days, so the endpoint (${endpoint.id}) was disabled.`,
          'Fix the receiver, then enable the endpoint again in the dashboard (Developers → Webhooks);',
          'failed deliveries can be resent from there.',
        ].join('\n'),
      });
    }
  });
}
