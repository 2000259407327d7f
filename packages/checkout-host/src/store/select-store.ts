import { join } from 'node:path';
import { resolveDataDir } from '@prood/db/data-dir';
import { ConfigError, hostEnv, resolveUpstashCredentials } from '../env';
import { createMemorySessionStore } from './memory-store';
import { createSqliteSessionStore } from './sqlite-store';
import type { SessionStore } from './types';
import { createUpstashSessionStore } from './upstash-store';

let configured: SessionStore | undefined;

/**
 * The store the environment asks for: Upstash when `UPSTASH_REDIS_REST_*` (or Vercel's
 * `KV_REST_API_*`) is set, otherwise the SQLite file under the data dir.
 * `CHECKOUT_SESSION_STORE` forces one.
 *
 * @example
 * const store = createSessionStoreFromEnv(); // { kind: 'sqlite' } with no environment
 */
export function createSessionStoreFromEnv(): SessionStore {
  const credentials = resolveUpstashCredentials();
  const kind = hostEnv.CHECKOUT_SESSION_STORE ?? (credentials ? 'upstash' : 'sqlite');
  if (kind === 'upstash') {
    if (!credentials) {
      throw new ConfigError(
        'Invalid configuration: UPSTASH_REDIS_REST_URL: required when CHECKOUT_SESSION_STORE=upstash',
      );
    }
    return createUpstashSessionStore(credentials);
  }
  if (kind === 'memory') return createMemorySessionStore();
  return createSqliteSessionStore({
    path: hostEnv.CHECKOUT_SESSION_DB ?? join(resolveDataDir(), 'sessions.sqlite'),
  });
}

/**
 * Replaces the process-wide store (tests, or an app that builds its own); `undefined` goes back
 * to the environment's choice on next use.
 *
 * @example
 * configureSessionStore(createMemorySessionStore());
 */
export function configureSessionStore(store: SessionStore | undefined): void {
  configured = store;
}

/** The process-wide store, created from the environment on first use. */
export function getSessionStore(): SessionStore {
  configured ??= createSessionStoreFromEnv();
  return configured;
}
