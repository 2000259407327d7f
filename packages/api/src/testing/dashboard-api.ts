import type { Database } from '@prood/db';
import type { RateLimiter } from '@prood/http/rate-limit';
import { generateKeyringEntry, parseKeyring } from '@prood/provider-factory';
import { createAuth } from '../auth/auth';
import { createMailer } from '../jobs/mailer';
import { createLogger } from '../logger';
import { createDashboardApiHandler } from '../trpc/http';
import { unreachableCheckout } from './fixtures';
import { serveFetchHandler } from './http';

/** better-auth and tRPC served on a loopback port, as the API app mounts them. */
export function serveDashboardApi(
  db: Database,
  rateLimiter: RateLimiter,
  options: { providerApiUrls?: Record<string, string> } = {},
) {
  return serveFetchHandler(
    createDashboardApiHandler({
      db,
      auth: createAuth({
        db,
        secret: 'test-secret-test-secret-test-secret-00',
        baseURL: 'http://127.0.0.1',
        trustedOrigins: ['http://127.0.0.1'],
        mailer: createMailer({ from: 'accounts@prood.test' }),
      }),
      logger: createLogger({ level: 'silent' }),
      keyring: parseKeyring(generateKeyringEntry('t1')),
      checkoutUrl: 'http://localhost:3004',
      checkoutApp: unreachableCheckout,
      rateLimiter,
      providerApiUrls: options.providerApiUrls,
    }),
  );
}
