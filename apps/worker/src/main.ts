// The job worker: consumes the pg-boss queues that the commerce API fills inside its
// transactions. Stateless; run one or many (each job is claimed by exactly one worker).
import { createServer } from 'node:http';
import { createJobs, createLogger, createMailer, recoveryLink, startWorkers } from '@prood/api';
import { createDatabase, pingDatabase } from '@prood/db';
import { startTracing } from '@prood/http/tracing';
import {
  createDrizzleSandboxStore,
  createTenantProviderResolver,
  parseKeyring,
} from '@prood/provider-factory';
import { env } from './env';

const SHUTDOWN_DEADLINE_MS = 9_000;
// jobs continue the trace of the request that enqueued them (its context is in the payload)
startTracing({ serviceName: 'prood-worker', otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
const logger = createLogger({ level: env.LOG_LEVEL, name: 'worker' });
const db = createDatabase(env.DATABASE_URL, { applicationName: 'prood-worker' });
const jobs = createJobs({ connectionString: env.DATABASE_URL });
let state: 'starting' | 'ready' | 'draining' = 'starting';

// Liveness: the process answers. Readiness: consuming and the database answers.
const health = createServer(async (req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  const send = (status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ name: 'worker', ...body }));
  };
  if (path === '/health/live') return send(200, { status: 'ok', state });
  if (path === '/health' || path === '/health/ready') {
    if (state !== 'ready') return send(503, { status: state });
    const database = await pingDatabase(db);
    return send(database.status === 'ok' ? 200 : 503, { status: database.status, database });
  }
  send(404, { error: { code: 'not_found', message: 'Not found.', details: null } });
});

const workers = await startWorkers({
  db,
  jobs,
  logger,
  resolveProvider: createTenantProviderResolver(db, {
    keyring: parseKeyring(env.CREDENTIALS_ENCRYPTION_KEYS),
    checkoutBaseUrl: env.CHECKOUT_URL,
    apiBaseUrls: env.PAYMENT_PROVIDER_API_URLS,
    sandbox: { store: createDrizzleSandboxStore(db), checkoutBaseUrl: env.CHECKOUT_URL },
  }),
  mailer: createMailer({ from: env.MAIL_FROM, smtpUrl: env.SMTP_URL }),
  recoveryUrl: (order) =>
    recoveryLink(env.API_PUBLIC_URL ?? env.COMMERCE_API_URL, env.CHECKOUT_API_SECRET, order.id),
  config: { pollingIntervalSeconds: env.WORKER_POLL_SECONDS, concurrency: env.WORKER_CONCURRENCY },
});
await new Promise<void>((resolve) => health.listen(env.WORKER_PORT, resolve));
state = 'ready';
logger.info({ port: env.WORKER_PORT, pid: process.pid }, 'worker ready');

/** Stop fetching, let running jobs finish (pg-boss waits up to 5 s), close the pools, exit. */
async function shutdown(signal: string): Promise<void> {
  if (state === 'draining') return;
  state = 'draining';
  logger.info({ signal }, 'worker draining');
  setTimeout(() => {
    logger.error('worker shutdown exceeded its deadline; exiting');
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
  await workers.stop();
  await jobs.stop();
  await db.$client.end({ timeout: 2 });
  await new Promise<void>((resolve) => health.close(() => resolve()));
  logger.info('worker stopped');
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
