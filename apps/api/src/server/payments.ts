import 'server-only';
import {
  configurePayments,
  createHttpCheckoutAppClient,
  createJobs,
  type Jobs,
  type ResolveProvider,
} from '@prood/api';
import { getDatabase } from '@prood/db';
import { onShutdown } from '@prood/db/lifecycle';
import {
  createDrizzleSandboxStore,
  createTenantProviderResolver,
  parseKeyring,
} from '@prood/provider-factory';
import { env } from '../env';

interface PaymentsRuntime {
  jobs: Jobs;
  resolveProvider: ResolveProvider;
  ready: Promise<void>;
}

let runtime: PaymentsRuntime | undefined;

/**
 * The API's payment runtime: tenant providers from stored integrations, and pg-boss for jobs.
 * Route handlers enqueue through it; the worker process (apps/worker) consumes the jobs.
 */
export function getPaymentsRuntime(): PaymentsRuntime {
  if (!runtime) {
    const db = getDatabase();
    const jobs = createJobs({ connectionString: env.DATABASE_URL, supervise: false });
    const resolveProvider = createTenantProviderResolver(db, {
      keyring: parseKeyring(env.CREDENTIALS_ENCRYPTION_KEYS),
      sandbox: { store: createDrizzleSandboxStore(db), checkoutBaseUrl: env.CHECKOUT_URL },
    });
    runtime = { jobs, resolveProvider, ready: jobs.start() };
    onShutdown('jobs', () => jobs.stop());
    configurePayments({ resolveProvider, jobs: jobs.enqueuer });
  }
  return runtime;
}

export const checkoutAppClient = () =>
  createHttpCheckoutAppClient({ baseUrl: env.CHECKOUT_URL, secret: env.CHECKOUT_API_SECRET });
