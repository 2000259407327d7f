import type { CheckoutSessionKind, CheckoutState } from '@prood/checkout';

/** Redis key of a session's snapshot JSON. */
export function sessionKey(id: string): string {
  return `checkout:session:${id}`;
}

/** Default sorted set (score = expiresAt ms) of sessions that are not paid yet. */
export const DEFAULT_EXPIRY_INDEX_KEY = 'checkout:sessions:expiring';

/**
 * What the expiry sweep reports about a session that expired unpaid. Kept beside the index
 * because the session's own key is gone once its TTL has run out.
 */
export interface ExpiredSession {
  id: string;
  tenantId: string;
  kind: CheckoutSessionKind;
  orderId: string | null;
  /** The last saved state (e.g. `payment`, `canceled`). */
  state: CheckoutState;
  provider: string | null;
  providerSessionId: string | null;
  expiresAt: string;
}

/** One write: the snapshot JSON, its key lifetime and its expiry-index entry. */
export interface SessionWrite {
  id: string;
  version: number;
  json: string;
  /** Milliseconds until the key disappears (the session's expiresAt, at least 1 s). */
  ttlMs: number;
  /** Index entry while unpaid; null once paid, which removes it from the sweep. */
  expiry: { dueAtMs: number; session: ExpiredSession } | null;
}

export type CompareAndSetResult =
  | { status: 'saved' }
  | { status: 'conflict'; actualVersion: number }
  | { status: 'missing' };

/**
 * Where snapshots live. Implementations: memory (unit tests), SQLite (embedded default, shared
 * by processes), Upstash Redis (production). All pass the same contract tests.
 */
export interface SessionStore {
  readonly kind: 'memory' | 'sqlite' | 'upstash';
  /** Stores a new session; false when the id is already taken. */
  create(write: SessionWrite): Promise<boolean>;
  /** The snapshot JSON, or null when absent or past its TTL. */
  get(id: string): Promise<string | null>;
  /** Writes only if the stored version is `expectedVersion`; atomic with the index update. */
  compareAndSet(write: SessionWrite, expectedVersion: number): Promise<CompareAndSetResult>;
  /**
   * Atomically leases up to `limit` index entries due at `nowMs` until `leaseUntilMs`; a second
   * sweeper never gets the same entry while the lease holds.
   */
  claimExpired(options: {
    nowMs: number;
    limit: number;
    leaseUntilMs: number;
  }): Promise<ExpiredSession[]>;
  /** Removes reported entries from the index for good. */
  ackExpired(ids: readonly string[]): Promise<void>;
  close(): Promise<void>;
}
