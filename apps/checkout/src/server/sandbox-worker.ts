import 'server-only';
import { getDatabase } from '@prood/db';
import { sandboxSecretFromDatabase, startSandboxWorkerLoop } from '@prood/provider-factory';
import { getKeyring, getSandboxRuntime, setSandboxWake } from './context';
import { logger } from './logger';

// once per process: the app's server (src/main.ts) starts it before Next.js, whose
// instrumentation hook then finds it running (its bundle has its own copy of this module)
const STARTED = Symbol.for('prood.checkout.sandboxDeliveryStarted');

/**
 * Runs the sandbox's deliveries in this process: settles async test payments and posts signed
 * webhooks (with backoff) to this app's webhook route, like a real provider would.
 */
export function startSandboxDelivery(): void {
  const once = globalThis as { [STARTED]?: boolean };
  if (once[STARTED]) return;
  once[STARTED] = true;
  const loop = startSandboxWorkerLoop({
    runtime: getSandboxRuntime(),
    resolveWebhookSecret: sandboxSecretFromDatabase(getDatabase(), getKeyring()),
    onError: (error) => logger.error({ err: error }, 'sandbox delivery failed'),
  });
  setSandboxWake(() => loop.kick());
}
