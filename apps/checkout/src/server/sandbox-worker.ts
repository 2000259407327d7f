import 'server-only';
import { getDatabase } from '@prood/db';
import { sandboxSecretFromDatabase, startSandboxWorkerLoop } from '@prood/provider-factory';
import { getKeyring, getSandboxRuntime, setSandboxWake } from './context';
import { logger } from './logger';

let started = false;

/**
 * Runs the sandbox's deliveries in this process: settles async test payments and posts signed
 * webhooks (with backoff) to this app's webhook route, like a real provider would.
 */
export function startSandboxDelivery(): void {
  if (started) return;
  started = true;
  const loop = startSandboxWorkerLoop({
    runtime: getSandboxRuntime(),
    resolveWebhookSecret: sandboxSecretFromDatabase(getDatabase(), getKeyring()),
    onError: (error) => logger.error({ err: error }, 'sandbox delivery failed'),
  });
  setSandboxWake(() => loop.kick());
}
