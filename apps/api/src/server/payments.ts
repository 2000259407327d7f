import 'server-only';
import {
  configurePayments,
  createHttpCheckoutAppClient,
  createJobs,
  createLogger,
  createMailer,
  type Jobs,
  type ResolveProvider,
  recoveryLink,
  startWorkers,
} from '@prood/api';
import { getDatabase } from '@prood/db';
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
 * Route handlers enqueue through it; `startPaymentWorkers` adds the consumers.
 */
export function getPaymentsRuntime(): PaymentsRuntime {
  if (!runtime) {
    const db = getDatabase();
    const jobs = createJobs({ connectionString: env.DATABASE_URL, supervise: false });
    const resolveProvider = createTenantProviderResolver(db, {
      keyring: parseKeyring(env.CREDENTIALS_ENCRYPTION_KEYS),
      checkoutBaseUrl: env.CHECKOUT_URL,
      apiBaseUrls: env.PAYMENT_PROVIDER_API_URLS,
      sandbox: { store: createDrizzleSandboxStore(db), checkoutBaseUrl: env.CHECKOUT_URL },
    });
    runtime = { jobs, resolveProvider, ready: jobs.start() };
    configurePayments({ resolveProvider, jobs: jobs.enqueuer });
  }
  return runtime;
}

export const checkoutAppClient = () =>
  createHttpCheckoutAppClient({ baseUrl: env.CHECKOUT_URL, secret: env.CHECKOUT_API_SECRET });

/** Starts the job consumers in this process (every API instance may run them). */
export async function startPaymentWorkers(): Promise<void> {
  const { resolveProvider } = getPaymentsRuntime();
  const checkoutApp = checkoutAppClient();
  const jobs = createJobs({ connectionString: env.DATABASE_URL });
  await startWorkers({
    db: getDatabase(),
    jobs,
    logger: createLogger({ level: env.LOG_LEVEL, name: 'api-jobs' }),
    resolveProvider,
    mailer: createMailer({ from: env.MAIL_FROM, smtpUrl: env.SMTP_URL }),
    loadProviderSessionId: async (tenantId, sessionId) =>
      (await checkoutApp.getSession(tenantId, sessionId))?.providerSessionId ?? undefined,
    recoveryUrl: (order) =>
      recoveryLink(
        env.API_PUBLIC_URL ?? `http://localhost:${env.PORT}`,
        env.CHECKOUT_API_SECRET,
        order.id,
      ),
  });
}
