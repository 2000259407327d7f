/**
 * The API's server. The machine-facing routes — storefront REST (`/v1`), provider webhooks
 * (`/webhooks/payments/{provider}`), the checkout app's `/internal/*` and `/health*` — are
 * answered by this plain `node:http` server with their fetch-style handlers; everything else
 * (the dashboard's tRPC, auth, `/docs`, `/pay`) goes to Next.js's request handler in the same
 * process. Issue 13 measured Next.js's routing as about half of an order's cost.
 *
 * Usage: node --import tsx src/main.ts dev|start [--port 3002] [--hostname 127.0.0.1]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string' }, hostname: { type: 'string' } },
});
const dev = positionals[0] === 'dev';
// as `next dev`/`next start` do, before any module reads it (development relaxes the CSP)
(process.env as Record<string, string>).NODE_ENV = dev ? 'development' : 'production';

const appDir = join(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as {
  version: string;
};

// configuration checked (one line naming a bad variable), tracing and graceful-shutdown hooks
// installed, before anything serves; Next.js's instrumentation.ts then finds it done
const { validateConfigurationAtStartup } = await import('@prood/next-config/instrumentation');
await validateConfigurationAtStartup(() => import('./env'), 'prood-api');
const { env } = await import('./env');
const { createLogger } = await import('@prood/api');
const { startDraining } = await import('@prood/db/lifecycle');
const { runAppServer } = await import('@prood/http/node-server');
const { securityHeaders } = await import('@prood/next-config/security-headers');
const { createMachineRoutes } = await import('./server/machine-routes');
const { default: next } = await import('next');

const port = Number(values.port ?? env.PORT);
const hostname = values.hostname;
const logger = createLogger({ level: env.LOG_LEVEL, name: 'api-server' });
// SIGTERM/SIGINT: readiness answers 503 at once (the lifecycle hook), the socket stops
// accepting, in-flight requests finish, then the exit closes the pools (the lifecycle's exit
// hook); the lifecycle's deadline ends a shutdown that takes longer than 9 s.
await runAppServer({
  next: next({ dev, dir: appDir, port, ...(hostname ? { hostname } : {}) }),
  dev,
  port,
  hostname,
  machineRoute: createMachineRoutes({ name: 'api', version }),
  securityHeaders,
  onDrain: startDraining,
  onError: (error, request) => logger.error({ err: error, ...request }, 'request failed'),
});
logger.info(
  { port, listenHost: hostname ?? '(all)', mode: dev ? 'development' : 'production' },
  `API listening on http://${hostname ?? 'localhost'}:${port}`,
);
