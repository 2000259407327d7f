import type { CompareAndSetResult, ExpiredSession, SessionStore, SessionWrite } from './types';

interface Entry {
  json: string;
  version: number;
  expiresAtMs: number;
}

/**
 * A store in this process's memory, for unit tests only: two instances of an app would not
 * share it.
 *
 * @example
 * configureSessionStore(createMemorySessionStore());
 */
export function createMemorySessionStore(
  options: { clock?: () => number } = {},
): SessionStore & { readonly size: number } {
  const clock = options.clock ?? Date.now;
  const sessions = new Map<string, Entry>();
  const index = new Map<string, { dueAtMs: number; session: ExpiredSession }>();

  function live(id: string): Entry | undefined {
    const entry = sessions.get(id);
    if (entry && entry.expiresAtMs <= clock()) {
      sessions.delete(id);
      return undefined;
    }
    return entry;
  }

  function writeIndex(write: SessionWrite): void {
    if (write.expiry) index.set(write.id, { ...write.expiry });
    else index.delete(write.id);
  }

  return {
    kind: 'memory',
    get size() {
      return sessions.size;
    },
    async create(write) {
      if (live(write.id)) return false;
      sessions.set(write.id, {
        json: write.json,
        version: write.version,
        expiresAtMs: clock() + write.ttlMs,
      });
      writeIndex(write);
      return true;
    },
    async get(id) {
      return live(id)?.json ?? null;
    },
    async compareAndSet(write, expectedVersion): Promise<CompareAndSetResult> {
      const entry = live(write.id);
      if (!entry) return { status: 'missing' };
      if (entry.version !== expectedVersion) {
        return { status: 'conflict', actualVersion: entry.version };
      }
      sessions.set(write.id, {
        json: write.json,
        version: write.version,
        expiresAtMs: clock() + write.ttlMs,
      });
      writeIndex(write);
      return { status: 'saved' };
    },
    async claimExpired({ nowMs, limit, leaseUntilMs }) {
      const due = [...index.entries()]
        .filter(([, entry]) => entry.dueAtMs <= nowMs)
        .sort((a, b) => a[1].dueAtMs - b[1].dueAtMs)
        .slice(0, limit);
      for (const [, entry] of due) entry.dueAtMs = leaseUntilMs;
      return due.map(([, entry]) => ({ ...entry.session }));
    },
    async ackExpired(ids) {
      for (const id of ids) index.delete(id);
    },
    async close() {},
  };
}
