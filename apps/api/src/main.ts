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
import { createServer } from 'node:http';
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
const { createMachineRoutes } = await import('./server/machine-routes');
const { serveMachineRoute } = await import('./server/serve-fetch');
const { default: next } = await import('next');

const port = Number(values.port ?? env.PORT);
const hostname = values.hostname;
const logger = createLogger({ level: env.LOG_LEVEL, name: 'api-server' });
const nextApp = next({ dev, dir: appDir, port, ...(hostname ? { hostname } : {}) });
await nextApp.prepare();
const nextHandler = nextApp.getRequestHandler();
const machineRoute = createMachineRoutes({ name: 'api', version });
const serveOptions = {
  onError: (error: unknown, request: { method: string; path: string }) =>
    logger.error({ err: error, ...request }, 'request failed'),
};

const server = createServer((req, res) => {
  const route = machineRoute((req.url ?? '/').split('?')[0] ?? '/');
  const served = route ? serveMachineRoute(req, res, route, serveOptions) : nextHandler(req, res);
  served.catch((error: unknown) => {
    logger.error({ err: error, path: req.url }, 'request failed');
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
    res.end();
  });
});
// Next.js's development server pushes its updates over a websocket
if (dev) server.on('upgrade', nextApp.getUpgradeHandler());
server.keepAliveTimeout = 65_000;

// SIGTERM/SIGINT: readiness answers 503 at once (the lifecycle hook), the socket stops
// accepting, in-flight requests finish, then the exit closes the pools (the lifecycle's exit
// hook); the lifecycle's deadline ends a shutdown that takes longer than 9 s.
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    startDraining();
    server.close(() => {
      void nextApp.close().finally(() => process.exit(0));
    });
    // a keep-alive socket that finishes its request is closed as soon as it is idle
    setInterval(() => server.closeIdleConnections(), 100).unref();
    server.closeIdleConnections();
  });
}

server.listen(port, hostname, () => {
  logger.info(
    { port, listenHost: hostname ?? '(all)', mode: dev ? 'development' : 'production' },
    `API listening on http://${hostname ?? 'localhost'}:${port}`,
  );
});
