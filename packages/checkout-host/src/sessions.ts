import {
  CheckoutError,
  CheckoutSession,
  type CheckoutSnapshot,
  type Fulfillment,
  type PaymentProvider,
} from '@prood/checkout';
import { newId } from '@prood/validators';
import { z } from 'zod';
import {
  CheckoutHostError,
  CheckoutInputError,
  SessionConflictError,
  SessionNotFoundError,
} from './errors';
import {
  type CreateCheckoutSessionInput,
  type CreatePaymentLinkInput,
  checkoutIdSchema,
  createCheckoutSessionInputSchema,
  createPaymentLinkInputSchema,
  DEFAULT_PAYMENT_LINK_TTL_SECONDS,
  DEFAULT_SESSION_TTL_SECONDS,
  parseInput,
} from './inputs';
import { getSessionStore } from './store/select-store';
import type { ExpiredSession, SessionStore, SessionWrite } from './store/types';
import { buildCheckoutSessionUrl } from './urls';

/** Per-call overrides, mostly for tests: the store and the clock. */
export interface SessionCallOptions {
  store?: SessionStore;
  now?: () => Date;
}

export interface CreatedCheckoutSession {
  id: string;
  url: string;
  expiresAt: Date;
}

/** A session created already started: its stored snapshot (version 1) comes back with it. */
export interface StartedCheckoutSession extends CreatedCheckoutSession {
  snapshot: CheckoutSnapshot;
}

function storeOf(options?: SessionCallOptions): SessionStore {
  return options?.store ?? getSessionStore();
}

function clockOf(options?: SessionCallOptions): () => Date {
  return options?.now ?? (() => new Date());
}

function toWrite(snapshot: CheckoutSnapshot, now: Date): SessionWrite {
  const expiresAtMs = Date.parse(snapshot.expiresAt);
  return {
    id: snapshot.id,
    version: snapshot.version,
    json: JSON.stringify(snapshot),
    // a key must live at least a moment, even when saved at the very end of its life
    ttlMs: Math.max(1000, expiresAtMs - now.getTime()),
    // only a session with no payment in progress can be abandoned: a `confirming` one waits
    // for the provider's verdict (a decline reopens it and puts it back in the index)
    expiry:
      snapshot.state === 'complete' || snapshot.state === 'confirming'
        ? null
        : {
            dueAtMs: expiresAtMs,
            session: {
              id: snapshot.id,
              tenantId: snapshot.tenantId,
              kind: snapshot.kind,
              orderId: snapshot.orderId,
              state: snapshot.state,
              provider: snapshot.provider,
              providerSessionId: snapshot.providerSessionId,
              expiresAt: snapshot.expiresAt,
            },
          },
  };
}

async function insertNew(
  session: CheckoutSession,
  options?: SessionCallOptions,
): Promise<StartedCheckoutSession> {
  const snapshot = { ...session.toSnapshot(), version: 1 };
  // one write (a single script on Redis): the key, its TTL and its expiry-index entry
  const created = await storeOf(options).create(toWrite(snapshot, clockOf(options)()));
  // 131 random bits: a clash means a broken random source, never bad luck
  if (!created) throw new SessionConflictError(snapshot.id, 0, 1);
  return {
    id: snapshot.id,
    url: buildCheckoutSessionUrl(snapshot.id),
    expiresAt: session.expiresAt,
    snapshot,
  };
}

function toFulfillment(
  value: z.output<typeof createCheckoutSessionInputSchema>['fulfillment'],
): Fulfillment {
  return typeof value === 'string'
    ? { type: value, address: null }
    : { type: value.type, address: value.address ?? null };
}

function newOrderSession(input: CreateCheckoutSessionInput, options?: SessionCallOptions) {
  const valid = parseInput('createCheckoutSession', createCheckoutSessionInputSchema, input);
  const now = clockOf(options)();
  return CheckoutSession.create({
    id: newId('checkoutSession'),
    tenantId: valid.tenantId,
    kind: 'order',
    orderId: valid.orderId,
    amount: valid.amount,
    currency: valid.currency,
    returnUrl: valid.returnUrl,
    cancelUrl: valid.cancelUrl ?? null,
    customerInfo: valid.customerInfo ?? null,
    fulfillment: toFulfillment(valid.fulfillment),
    provider: valid.provider,
    createdAt: now,
    expiresAt: new Date(now.getTime() + (valid.expiresIn ?? DEFAULT_SESSION_TTL_SECONDS) * 1000),
  });
}

/**
 * Creates a checkout session for an order and stores it (version 1, TTL = `expiresIn` seconds,
 * default 30 minutes).
 *
 * @example
 * const { id, url } = await createCheckoutSession({
 *   orderId: 'ord_…', amount: 9999, currency: 'EUR', tenantId: 'org_…',
 *   returnUrl: 'https://shop.example/thanks', customerInfo: { email: 'a@b.co' },
 *   fulfillment: 'shipping', provider: 'stripe',
 * }); // url: 'http://localhost:3004/c/cs_…'
 */
export async function createCheckoutSession(
  input: CreateCheckoutSessionInput,
  options?: SessionCallOptions,
): Promise<CreatedCheckoutSession> {
  const { id, url, expiresAt } = await insertNew(newOrderSession(input, options), options);
  return { id, url, expiresAt };
}

/**
 * Creates a checkout session and starts it (`idle → info`) in one write: what
 * `createCheckoutSession` + `loadAndHydrate` + `start()` + `saveSession` store, in one round
 * trip instead of three. The stored snapshot (version 1) comes back, ready for the next step.
 *
 * @example
 * const { url, snapshot } = await createStartedCheckoutSession({ orderId: 'ord_…', … });
 * const session = CheckoutSession.hydrate(snapshot, { provider }); // state 'info'
 */
export async function createStartedCheckoutSession(
  input: CreateCheckoutSessionInput,
  options?: SessionCallOptions,
): Promise<StartedCheckoutSession> {
  return insertNew(newOrderSession(input, options).start(), options);
}

/**
 * Creates a payment link (`cs_link_…`): a session with no order, valid 24 hours by default.
 *
 * @example
 * const { url } = await createPaymentLink({
 *   amount: 2500, currency: 'EUR', tenantId: 'org_…', description: 'Workshop deposit',
 *   expiresIn: 7 * 24 * 3600,
 * });
 */
export async function createPaymentLink(
  input: CreatePaymentLinkInput,
  options?: SessionCallOptions,
): Promise<CreatedCheckoutSession> {
  const valid = parseInput('createPaymentLink', createPaymentLinkInputSchema, input);
  const now = clockOf(options)();
  const id = newId('paymentLink');
  const session = CheckoutSession.create({
    id,
    tenantId: valid.tenantId,
    kind: 'payment_link',
    orderId: null,
    description: valid.description,
    amount: valid.amount,
    currency: valid.currency,
    returnUrl: valid.returnUrl ?? `${buildCheckoutSessionUrl(id)}/success`,
    fulfillment: { type: 'digital', address: null },
    provider: valid.provider ?? null,
    createdAt: now,
    expiresAt: new Date(
      now.getTime() + (valid.expiresIn ?? DEFAULT_PAYMENT_LINK_TTL_SECONDS) * 1000,
    ),
  });
  return insertNew(session, options);
}

function corruptSession(id: string, cause: unknown): CheckoutHostError {
  return new CheckoutHostError(
    'session_corrupt',
    `Stored checkout session ${id} is not a valid snapshot`,
    { id },
    { cause },
  );
}

/**
 * The stored snapshot, or null when there is none (never created, or its TTL ran out). The
 * snapshot's `state` is as saved; hydrate it to see clock expiry.
 *
 * @example
 * const snapshot = await loadSession('cs_…');
 */
export async function loadSession(
  id: string,
  options?: SessionCallOptions,
): Promise<CheckoutSnapshot | null> {
  const valid = parseInput('loadSession', checkoutIdSchema, id, 'id');
  const json = await storeOf(options).get(valid);
  if (json === null) return null;
  try {
    return CheckoutSession.hydrate(JSON.parse(json)).toSnapshot();
  } catch (error) {
    throw corruptSession(valid, error);
  }
}

/**
 * Loads a session and rebuilds it with the provider the resolver returns; throws
 * `SessionNotFoundError` when it does not exist. A payment link with no provider yet is
 * hydrated without one (the resolver is not called).
 *
 * @example
 * const session = await loadAndHydrate('cs_…', (providerId) => buildPaymentProvider(integration));
 * if (session.state === 'expired') redirect('/expired');
 */
export async function loadAndHydrate(
  id: string,
  resolveProvider: (providerId: string) => Promise<PaymentProvider> | PaymentProvider,
  options?: SessionCallOptions,
): Promise<CheckoutSession> {
  if (typeof resolveProvider !== 'function') {
    throw new CheckoutInputError('loadAndHydrate', [
      { field: 'resolveProvider', message: 'must be a function' },
    ]);
  }
  // one GET and one validation: the provider id is read before the snapshot is validated, so
  // the resolver is called once and the snapshot hydrated once (not loaded, then hydrated again)
  const valid = parseInput('loadAndHydrate', checkoutIdSchema, id, 'id');
  const json = await storeOf(options).get(valid);
  if (json === null) throw new SessionNotFoundError(valid);
  let stored: unknown;
  try {
    stored = JSON.parse(json);
  } catch (error) {
    throw corruptSession(valid, error);
  }
  const providerId = (stored as { provider?: unknown } | null)?.provider;
  const provider = typeof providerId === 'string' ? await resolveProvider(providerId) : undefined;
  try {
    return CheckoutSession.hydrate(stored, { provider, now: clockOf(options) });
  } catch (error) {
    // a provider that is not the stored one is the caller's mistake, not a corrupt snapshot
    if (error instanceof CheckoutError && error.code !== 'invalid_snapshot') throw error;
    throw corruptSession(valid, error);
  }
}

/**
 * Saves a snapshot if nobody saved since it was loaded (compare-and-set on `version`). Returns
 * the stored snapshot with `version + 1`; throws `SessionConflictError` when another writer won
 * (reload and retry) or `SessionNotFoundError` when the session is gone.
 *
 * @example
 * session.submitInfo({ email });
 * const saved = await saveSession(session.id, session.toSnapshot());
 * session.markSaved(saved.version);
 */
export async function saveSession(
  id: string,
  snapshot: CheckoutSnapshot,
  options?: SessionCallOptions,
): Promise<CheckoutSnapshot> {
  const validId = parseInput('saveSession', checkoutIdSchema, id, 'id');
  let current: CheckoutSnapshot;
  try {
    current = CheckoutSession.hydrate(snapshot).toSnapshot();
  } catch (error) {
    const message = error instanceof Error ? error.message : 'is not a valid snapshot';
    throw new CheckoutInputError('saveSession', [{ field: 'snapshot', message }]);
  }
  if (current.id !== validId) {
    throw new CheckoutInputError('saveSession', [
      { field: 'snapshot.id', message: `must equal the id argument (${validId})` },
    ]);
  }
  const next = { ...current, version: current.version + 1 };
  const result = await storeOf(options).compareAndSet(
    toWrite(next, clockOf(options)()),
    current.version,
  );
  if (result.status === 'conflict') {
    throw new SessionConflictError(validId, current.version, result.actualVersion);
  }
  if (result.status === 'missing') throw new SessionNotFoundError(validId);
  return next;
}

export interface SweepResult {
  /** Sessions handed to `onExpired` that it accepted. */
  reported: number;
  /** Sessions whose handler threw; they come back after the lease. */
  failed: number;
}

/**
 * Reports each session that reached `expiresAt` unpaid, once: entries are leased atomically so
 * concurrent sweepers never share one, and removed when `onExpired` resolves. A handler that
 * throws (or a crashed sweeper) leaves the entry to be offered again after `leaseMs`, so the
 * receiver should treat the session id as an idempotency key.
 *
 * @example
 * await sweepExpiredSessions({ onExpired: (s) => api.markCheckoutAbandoned(s) });
 */
export async function sweepExpiredSessions(
  options: {
    onExpired: (session: ExpiredSession) => Promise<void> | void;
    limit?: number;
    leaseMs?: number;
  } & SessionCallOptions,
): Promise<SweepResult> {
  const valid = parseInput(
    'sweepExpiredSessions',
    z.object({
      onExpired: z.custom<(s: ExpiredSession) => unknown>((v) => typeof v === 'function', {
        error: 'must be a function',
      }),
      limit: z.number().int().min(1).max(1000).default(100),
      leaseMs: z
        .number()
        .int()
        .min(1000)
        .default(5 * 60_000),
    }),
    { onExpired: options.onExpired, limit: options.limit, leaseMs: options.leaseMs },
  );
  const store = storeOf(options);
  const nowMs = clockOf(options)().getTime();
  const claimed = await store.claimExpired({
    nowMs,
    limit: valid.limit,
    leaseUntilMs: nowMs + valid.leaseMs,
  });
  const done: string[] = [];
  let failed = 0;
  for (const session of claimed) {
    try {
      await options.onExpired(session);
      done.push(session.id);
    } catch {
      failed += 1;
    }
  }
  await store.ackExpired(done);
  return { reported: done.length, failed };
}
