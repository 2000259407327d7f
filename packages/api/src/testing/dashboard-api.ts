import type { Database } from '@prood/db';
import type { RateLimiter } from '@prood/http/rate-limit';
import { generateKeyringEntry, type Keyring, parseKeyring } from '@prood/provider-factory';
import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';
import { createAuth } from '../auth/auth';
import { createMailer } from '../jobs/mailer';
import { createLogger } from '../logger';
import type { PaymentRuntime } from '../payments/runtime';
import { createDashboardApiHandler } from '../trpc/http';
import type { AppRouter } from '../trpc/router';
import { unreachableCheckout, unreachablePayments } from './fixtures';
import { serveFetchHandler } from './http';

/** better-auth and tRPC served on a loopback port, as the API app mounts them. */
export function serveDashboardApi(
  db: Database,
  rateLimiter: RateLimiter,
  options: {
    providerApiUrls?: Record<string, string>;
    payments?: PaymentRuntime;
    /** The keyring integrations are sealed with (default: a fresh one nobody else opens). */
    keyring?: Keyring;
    /** The checkout app's public URL, where provider webhook endpoints point. */
    checkoutUrl?: string;
  } = {},
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
      keyring: options.keyring ?? parseKeyring(generateKeyringEntry('t1')),
      checkoutUrl: options.checkoutUrl ?? 'http://localhost:3004',
      checkoutApp: unreachableCheckout,
      payments: options.payments ?? unreachablePayments,
      rateLimiter,
      providerApiUrls: options.providerApiUrls,
    }),
  );
}

/**
 * Signs a user up over HTTP, creates an organization and makes it active: a merchant with a
 * tRPC client carrying its session cookie.
 *
 * @example
 * const a = await signUpMerchant(server.url, 'alice'); await a.client.orders.page.query({});
 */
export async function signUpMerchant(baseUrl: string, name: string) {
  const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const post = async (path: string, body: unknown, cookie?: string) => {
    const res = await fetch(`${baseUrl}/api/auth${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'http://127.0.0.1',
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify(body),
    });
    if (res.status !== 200) throw new Error(`${path} → ${res.status} ${await res.text()}`);
    return res;
  };
  const signUp = await post('/sign-up/email', {
    email: `${name}-${unique}@example.com`,
    password: 'correct-horse-battery',
    name,
  });
  const cookie = signUp.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const org = (await (
    await post('/organization/create', { name: `${name} Ltd`, slug: `${name}-${unique}` }, cookie)
  ).json()) as { id: string };
  await post('/organization/set-active', { organizationId: org.id }, cookie);
  const client = createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${baseUrl}/api/trpc`, transformer: superjson, headers: { cookie } })],
  });
  return { client, tenantId: org.id, cookie };
}
