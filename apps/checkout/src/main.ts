/**
 * The checkout app's server. The machine-facing routes — the providers' webhooks
 * (`/api/webhooks/{provider}/{org}`), the commerce API's `/api/sessions*` and
 * `/api/payment-links`, `/health*` — are answered by this plain `node:http` server with their
 * fetch-style handlers; pages and server actions go to Next.js's request handler in the same
 * process. Under `next dev` a webhook otherwise waited behind the development render of the
 * page a payment redirects to (seconds); here it is served as soon as it arrives. The sandbox's
 * delivery loop and the expiry sweep start here too, before Next.js.
 *
 * Usage: node --import tsx src/main.ts dev|start [--port 3004] [--hostname 127.0.0.1]
 *
 * `pnpm start` runs it with `--max-old-space-size=1024` (so do `pnpm start` at the root and the
 * benches, which take the flags from that script). The flag is what keeps the resident set
 * down: with no limit, V8 on a machine of several GiB lets the old space grow to about 4× the
 * live heap between full collections (page renders allocate fast: 200 MiB live, 850–980 MiB
 * committed) and keeps the freed pages resident, so RSS climbed to the highest heap ever
 * reached (1.2 GiB in the memory bench's soak, no leak: the heap after a full GC stayed flat).
 * Under a limit below 2 GiB V8 grows the heap by a smaller factor: in the same bench about
 * 450 MiB committed and RSS ~680 MiB at the same throughput, with 5× the live heap left before
 * an out-of-memory exit.
 */
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { port: { type: 'string' }, hostname: { type: 'string' } },
});
const dev = positionals[0] === 'dev';
// as `next dev`/`next start` do, before any module reads it (development relaxes the CSP)
(process.env as Record<string, string>).NODE_ENV = dev ? 'development' : 'production';

// `server-only` marks modules a client bundle must never import; this process is the server,
// so it resolves as React Server Components resolve it (its empty module)
registerHooks({
  resolve: (specifier, context, nextResolve) =>
    specifier === 'server-only'
      ? nextResolve(specifier, { ...context, conditions: [...context.conditions, 'react-server'] })
      : nextResolve(specifier, context),
});

const appDir = join(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as {
  version: string;
};

// configuration checked (one line naming a bad variable), tracing and graceful-shutdown hooks
// installed, the sandbox's deliveries and the expiry sweep started, before anything serves;
// Next.js's instrumentation.ts then finds all of it done
const { validateConfiguration } = await import('./instrumentation-node');
await validateConfiguration();
const { env } = await import('./env');
const { startDraining } = await import('@prood/db/lifecycle');
const { runAppServer } = await import('@prood/http/node-server');
const { securityHeaders } = await import('@prood/next-config/security-headers');
const { logger } = await import('./server/logger');
const { createCheckoutMachineRoutes } = await import('./server/machine-routes');
const { default: next } = await import('next');

const port = Number(values.port ?? env.PORT);
const hostname = values.hostname;
// SIGTERM/SIGINT: readiness answers 503 at once, the socket stops accepting, in-flight
// requests finish, then the exit closes the pools (the lifecycle's exit hook, 9 s deadline).
await runAppServer({
  next: next({ dev, dir: appDir, port, ...(hostname ? { hostname } : {}) }),
  dev,
  port,
  hostname,
  machineRoute: createCheckoutMachineRoutes({ name: 'checkout', version }),
  securityHeaders,
  onDrain: startDraining,
  onError: (error, request) => logger.error({ err: error, ...request }, 'request failed'),
});
logger.info(
  { port, listenHost: hostname ?? '(all)', mode: dev ? 'development' : 'production' },
  `checkout listening on http://${hostname ?? 'localhost'}:${port}`,
);
