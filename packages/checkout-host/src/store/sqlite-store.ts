import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { CompareAndSetResult, ExpiredSession, SessionStore, SessionWrite } from './types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS checkout_sessions (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL,
  version INTEGER NOT NULL,
  expires_at_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS checkout_sessions_expires ON checkout_sessions (expires_at_ms);
CREATE TABLE IF NOT EXISTS checkout_session_expiry (
  id TEXT PRIMARY KEY,
  due_at_ms INTEGER NOT NULL,
  meta TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS checkout_session_expiry_due ON checkout_session_expiry (due_at_ms);
`;

export interface SqliteSessionStoreOptions {
  /** Database file; several processes may open the same one. */
  path: string;
  clock?: () => number;
}

/**
 * The embedded default: a SQLite file (Node's built-in `node:sqlite`) in WAL mode, so several
 * processes share it and it survives restarts. Writes run in `BEGIN IMMEDIATE` transactions.
 *
 * @example
 * const store = createSqliteSessionStore({ path: join(resolveDataDir(), 'sessions.sqlite') });
 */
export function createSqliteSessionStore(options: SqliteSessionStoreOptions): SessionStore {
  const clock = options.clock ?? Date.now;
  mkdirSync(dirname(options.path), { recursive: true });
  const db = new DatabaseSync(options.path);
  // another process may hold the write lock for a moment: wait rather than fail
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec(SCHEMA);

  const purge = db.prepare('DELETE FROM checkout_sessions WHERE expires_at_ms <= ?');
  const insert = db.prepare(
    'INSERT OR IGNORE INTO checkout_sessions (id, body, version, expires_at_ms) VALUES (?, ?, ?, ?)',
  );
  const select = db.prepare(
    'SELECT body FROM checkout_sessions WHERE id = ? AND expires_at_ms > ?',
  );
  const selectVersion = db.prepare(
    'SELECT version FROM checkout_sessions WHERE id = ? AND expires_at_ms > ?',
  );
  const update = db.prepare(
    `UPDATE checkout_sessions SET body = ?, version = ?, expires_at_ms = ?
     WHERE id = ? AND version = ? AND expires_at_ms > ?`,
  );
  const upsertIndex = db.prepare(
    `INSERT INTO checkout_session_expiry (id, due_at_ms, meta) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET due_at_ms = excluded.due_at_ms, meta = excluded.meta`,
  );
  const deleteIndex = db.prepare('DELETE FROM checkout_session_expiry WHERE id = ?');
  const due = db.prepare(
    'SELECT id, meta FROM checkout_session_expiry WHERE due_at_ms <= ? ORDER BY due_at_ms LIMIT ?',
  );
  const lease = db.prepare('UPDATE checkout_session_expiry SET due_at_ms = ? WHERE id = ?');

  function inTransaction<T>(work: () => T): T {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }

  function writeIndex(write: SessionWrite): void {
    if (write.expiry) {
      upsertIndex.run(write.id, write.expiry.dueAtMs, JSON.stringify(write.expiry.session));
    } else {
      deleteIndex.run(write.id);
    }
  }

  return {
    kind: 'sqlite',
    async create(write) {
      return inTransaction(() => {
        const now = clock();
        // expired rows count as absent, exactly like a Redis key past its TTL
        purge.run(now);
        const { changes } = insert.run(write.id, write.json, write.version, now + write.ttlMs);
        if (Number(changes) !== 1) return false;
        writeIndex(write);
        return true;
      });
    },
    async get(id) {
      const row = select.get(id, clock()) as { body: string } | undefined;
      return row?.body ?? null;
    },
    async compareAndSet(write, expectedVersion): Promise<CompareAndSetResult> {
      return inTransaction(() => {
        const now = clock();
        const { changes } = update.run(
          write.json,
          write.version,
          now + write.ttlMs,
          write.id,
          expectedVersion,
          now,
        );
        if (Number(changes) === 1) {
          writeIndex(write);
          return { status: 'saved' } as const;
        }
        const row = selectVersion.get(write.id, now) as { version: number } | undefined;
        return row
          ? ({ status: 'conflict', actualVersion: Number(row.version) } as const)
          : ({ status: 'missing' } as const);
      });
    },
    async claimExpired({ nowMs, limit, leaseUntilMs }) {
      return inTransaction(() => {
        const rows = due.all(nowMs, limit) as Array<{ id: string; meta: string }>;
        for (const row of rows) lease.run(leaseUntilMs, row.id);
        return rows.map((row) => JSON.parse(row.meta) as ExpiredSession);
      });
    },
    async ackExpired(ids) {
      if (ids.length === 0) return;
      inTransaction(() => {
        for (const id of ids) deleteIndex.run(id);
      });
    },
    async close() {
      db.close();
    },
  };
}
