import {
  createHttpCheckoutAppClient,
  createJobs,
  type JobEnqueuer,
  type Jobs,
  type PaymentRuntime,
  type ResolveProvider,
} from '@prood/api';
import { getDatabase } from '@prood/db';
import { onShutdown, processWide } from '@prood/db/lifecycle';
import {
  createDrizzleSandboxStore,
  createTenantProviderResolver,
  parseKeyring,
} from '@prood/provider-factory';
import { env } from '../env';

interface PaymentsRuntime extends PaymentRuntime {
  /** The pg-boss client; started for sending only, the worker process (apps/worker) consumes. */
  boss: Jobs;
  resolveProvider: ResolveProvider;
  ready: Promise<void>;
}

/**
 * The API's payment dependencies, built explicitly and handed to every route that needs them:
 * tenant providers from stored integrations, and a pg-boss client that only sends (no worker
 * has to run in this process for confirm, refunds or webhooks to work; apps/worker works them).
 * One per process, shared by the machine routes and the Next.js routes.
 */
export function getPaymentsRuntime(): PaymentsRuntime {
  return processWide('api.payments', () => {
    const db = getDatabase();
    const boss = createJobs({ connectionString: env.DATABASE_URL, supervise: false });
    const ready = boss.start();
    const resolveProvider = createTenantProviderResolver(db, {
      keyring: parseKeyring(env.CREDENTIALS_ENCRYPTION_KEYS),
      checkoutBaseUrl: env.CHECKOUT_URL,
      apiBaseUrls: env.PAYMENT_PROVIDER_API_URLS,
      sandbox: { store: createDrizzleSandboxStore(db), checkoutBaseUrl: env.CHECKOUT_URL },
    });
    const jobs: JobEnqueuer = {
      async enqueue(tx, job) {
        await ready;
        await boss.enqueuer.enqueue(tx, job);
      },
    };
    // a shutdown while the client is still starting waits for the start (bounded by the
    // lifecycle's per-closer timeout) instead of stopping it under itself
    onShutdown('jobs', () =>
      ready.then(
        () => boss.stop(),
        () => boss.stop(),
      ),
    );
    return { boss, jobs, resolveProvider, ready };
  });
}

export const checkoutAppClient = () =>
  createHttpCheckoutAppClient({ baseUrl: env.CHECKOUT_URL, secret: env.CHECKOUT_API_SECRET });
