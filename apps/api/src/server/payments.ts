import 'server-only';
import {
  createHttpCheckoutAppClient,
  createJobs,
  createLogger,
  createMailer,
  type JobEnqueuer,
  type Jobs,
  type PaymentRuntime,
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

interface PaymentsRuntime extends PaymentRuntime {
  /** The pg-boss client; started for sending only, consumers are added by `startPaymentWorkers`. */
  boss: Jobs;
  resolveProvider: ResolveProvider;
  ready: Promise<void>;
}

let runtime: PaymentsRuntime | undefined;

/**
 * The API's payment dependencies, built explicitly and handed to every route that needs them:
 * tenant providers from stored integrations, and a pg-boss client that only sends (no worker
 * has to run in this process for confirm, refunds or webhooks to work).
 */
export function getPaymentsRuntime(): PaymentsRuntime {
  if (!runtime) {
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
    runtime = { boss, jobs, resolveProvider, ready };
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
