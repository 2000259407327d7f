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
  const client = postgres(url, {
    max: options.max ?? dbEnv.DATABASE_POOL_MAX,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? 'prood' },
  });
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
