import 'server-only';
import { getDatabase } from '@prood/db';
import { sandboxSecretFromDatabase, startSandboxWorkerLoop } from '@prood/provider-factory';
import { getKeyring, getSandboxRuntime, setSandboxWake } from './context';

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
    onError: (error) => console.error('sandbox delivery failed', error),
  });
  setSandboxWake(() => loop.kick());
}
