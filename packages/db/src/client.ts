import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { assertPostgresUrl, dbEnv } from './env';
import { onShutdown, processWide } from './lifecycle';
import * as schema from './schema';

export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };
/** A database handle or an open transaction: query functions accept either. */
export type Executor = Database | Parameters<Parameters<Database['transaction']>[0]>[0];

export interface CreateDatabaseOptions {
  /** Pool size; defaults to `DATABASE_POOL_MAX` (10). */
  max?: number;
  /** Name shown in `pg_stat_activity`. */
  applicationName?: string;
  /**
   * Send drizzle's statements as named prepared statements (default `DATABASE_PREPARE`, true);
   * false for a pooler in transaction mode that cannot keep them.
   */
  prepare?: boolean;
}

/** Distinct statement texts one process prepares at most; any further shape runs unnamed. */
export const MAX_PREPARED_STATEMENTS = 500;
/** A statement with more parameters than this (a bulk insert) is not worth keeping prepared. */
const MAX_PREPARED_PARAMETERS = 64;

/**
 * Which statement texts are prepared: the first `limit` distinct texts with parameters, so the
 * statements each connection keeps are bounded however many query shapes the code builds.
 */
export function createPreparePolicy(limit = MAX_PREPARED_STATEMENTS) {
  const texts = new Set<string>();
  return (query: string, parameterCount: number): boolean => {
    if (parameterCount === 0 || parameterCount > MAX_PREPARED_PARAMETERS) return false;
    if (texts.has(query)) return true;
    if (texts.size >= limit) return false;
    texts.add(query);
    return true;
  };
}

type UnsafeOptions = NonNullable<Parameters<postgres.Sql['unsafe']>[2]>;

/**
 * The pool as drizzle should see it: drizzle asks postgres.js for unnamed statements, and
 * postgres.js sends an unnamed statement with parameters as Parse+Describe, waits for the types,
 * then Bind+Execute — two round trips per statement and no pipelining. A prepared statement is
 * described once per connection and then costs one round trip, and statements sent together in
 * a transaction share it. Transactions and savepoints hand out clients that do the same.
 */
export function preparingClient(
  client: postgres.Sql,
  shouldPrepare: (query: string, parameterCount: number) => boolean,
): postgres.Sql {
  const wrapScoped =
    (begin: (...args: unknown[]) => Promise<unknown>) =>
    (...args: unknown[]) => {
      const callback = args.pop() as (sql: postgres.Sql) => unknown;
      return begin(...args, (scoped: postgres.Sql) =>
        callback(preparingClient(scoped, shouldPrepare)),
      );
    };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, parameters: unknown[] = [], options: UnsafeOptions = {}) =>
          target.unsafe(query, parameters as never[], {
            ...options,
            prepare: shouldPrepare(query, parameters.length),
          });
      }
      if (property === 'begin' || property === 'savepoint') {
        const scoped = Reflect.get(target, property, receiver) as (
          ...args: unknown[]
        ) => Promise<unknown>;
        return wrapScoped(scoped.bind(target));
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

/**
 * Opens a postgres.js pool wrapped by drizzle with the platform's schema and snake_case casing.
 *
 * @example
 * const db = createDatabase(dbEnv.DATABASE_URL ?? localUrl);
 * await db.select().from(orders).where(eq(orders.tenantId, tenantId));
 */
export function createDatabase(url: string, options: CreateDatabaseOptions = {}): Database {
  assertPostgresUrl('DATABASE_URL', url);
  const pool = postgres(url, {
    max: options.max ?? dbEnv.DATABASE_POOL_MAX,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? 'prood' },
  });
  const client =
    (options.prepare ?? dbEnv.DATABASE_PREPARE)
      ? preparingClient(pool, createPreparePolicy())
      : pool;
  return drizzle(client, { schema, casing: 'snake_case' });
}

/** The process-wide pool for `DATABASE_URL`; apps call this, tests create their own. */
export function getDatabase(): Database {
  return processWide('database', () => {
    const url = dbEnv.DATABASE_URL;
    if (!url) {
      throw new Error(
        'DATABASE_URL is not set. Start the platform with `pnpm dev` (embedded Postgres) or set DATABASE_URL.',
      );
    }
    const db = createDatabase(url);
    // graceful shutdown ends the pool after in-flight queries finished
    onShutdown('database', () => db.$client.end({ timeout: 5 }));
    return db;
  });
}

/** Round-trip time of `select 1`, for health endpoints. */
export async function pingDatabase(
  db: Database,
  timeoutMs = 2_000,
): Promise<{ status: 'ok'; latencyMs: number } | { status: 'error'; error: string }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    // a ping queued behind a busy pool answers "not ready" in time instead of hanging the probe
    await Promise.race([
      db.$client`select 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'ok', latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    return { status: 'error', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

// postgres.js connection errors, and the SQLSTATEs of a server that is going away or not up yet
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01',
  '57P02',
  '57P03',
]);

/**
 * True when `error` (or its cause, as drizzle wraps driver errors) means the database could not
 * be reached rather than that the query was wrong: callers answer 503 so clients retry.
 *
 * @example
 * if (isDatabaseUnavailable(error)) return json(503, { error: { code: 'service_unavailable', … } });
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || code.startsWith('08'))) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
