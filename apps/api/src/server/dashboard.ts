import { createLogger, createMailer } from '@prood/api';
import { createAuth, createDashboardApiHandler } from '@prood/api/trpc';
import { getDatabase } from '@prood/db';
import { parseKeyring } from '@prood/provider-factory';
import { env } from '../env';
import { checkoutAppClient, getPaymentsRuntime } from './payments';
import { getRateLimiter } from './rate-limit';

let handler: ((request: Request) => Promise<Response>) | undefined;

/** better-auth and tRPC for the dashboard, which reaches them through its own origin. */
export function getDashboardApiHandler() {
  if (!handler) {
    const db = getDatabase();
    handler = createDashboardApiHandler({
      db,
      auth: createAuth({
        db,
        secret: env.BETTER_AUTH_SECRET,
        baseURL: env.DASHBOARD_URL,
        trustedOrigins: [env.DASHBOARD_URL],
        mailer: createMailer({ from: env.MAIL_FROM, smtpUrl: env.SMTP_URL }),
      }),
      logger: createLogger({ level: env.LOG_LEVEL, name: 'api-dashboard' }),
      keyring: parseKeyring(env.CREDENTIALS_ENCRYPTION_KEYS),
      checkoutUrl: env.CHECKOUT_URL,
      rateLimiter: getRateLimiter(),
      checkoutApp: checkoutAppClient(),
      payments: getPaymentsRuntime(),
      providerApiUrls: env.PAYMENT_PROVIDER_API_URLS,
    });
  }
  return handler;
}
