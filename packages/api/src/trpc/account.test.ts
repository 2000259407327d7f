import { randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '@prood/db';
import { mailOutbox, members, users } from '@prood/db/schema';
import { createRateLimiter } from '@prood/http/rate-limit';
import { type StripeFake, startStripeFake } from '@prood/stripe-fake';
import { newId } from '@prood/validators';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { eq } from 'drizzle-orm';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveDashboardApi } from '../testing/dashboard-api';
import type { serveFetchHandler } from '../testing/http';
import type { AppRouter } from './router';

const GOOD_KEY = 'sk_test_51Qa2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYzGOOD';
const stripeKeys = {
  secretKey: GOOD_KEY,
  publishableKey: 'pk_test_51Qa2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz1234',
  webhookSecret: 'whsec_0123456789abcdefghijklmnopqrstuv',
};

let db: Database;
let server: Awaited<ReturnType<typeof serveFetchHandler>>;
let stripeFake: StripeFake;

beforeAll(async () => {
  db = createDatabase(inject('databaseUrl'), { max: 10 });
  // the fake knows one key: any other well-formed key is refused as Stripe would refuse it
  stripeFake = await startStripeFake({ apiKeys: [GOOD_KEY] });
  server = await serveDashboardApi(
    db,
    createRateLimiter({
      prefix: `test:${randomUUID()}`,
      policies: { signUp: { limit: 10_000, window: '1 h' } },
    }),
    { providerApiUrls: { stripe: stripeFake.url } },
  );
});

afterAll(async () => {
  await server.close();
  await stripeFake.close();
  await db.$client.end();
});

const cookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

async function authPost(path: string, body: unknown, cookie?: string) {
  return fetch(`${server.url}/api/auth${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: 'http://127.0.0.1',
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify(body),
  });
}

function clientWith(cookie: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({ url: `${server.url}/api/trpc`, transformer: superjson, headers: { cookie } }),
    ],
  });
}

/** Signs up over HTTP exactly as the dashboard's form does; nothing else is set up. */
async function signUp(name: string) {
  const email = `${name}-${randomUUID()}@example.com`;
  const password = 'correct-horse-battery';
  const res = await authPost('/sign-up/email', { email, password, name, callbackURL: '/' });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = cookieOf(res);
  const { user } = (await res.json()) as { user: { id: string } };
  return { email, password, cookie, userId: user.id, client: clientWith(cookie) };
}

async function trpcError(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      return {
        code: error.data?.code as string,
        appCode: error.data?.appCode as string | null,
        message: error.message,
        details: error.data?.details as Record<string, unknown> | null,
      };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Follows the link of the newest verification mail, as the person clicking it would. */
async function verifyFromOutbox(account: Awaited<ReturnType<typeof signUp>>) {
  const [mail] = await account.client.account.mail.query({});
  expect(mail?.kind).toBe('email_verification');
  const link = /https?:\/\/\S+/.exec(mail?.text ?? '')?.[0];
  expect(link).toBeDefined();
  const url = new URL(link as string);
  const res = await fetch(`${server.url}${url.pathname}${url.search}`, { redirect: 'manual' });
  expect([200, 302]).toContain(res.status);
}

describe('accounts (better-auth + tRPC)', () => {
  it('gives a fresh sign-up its own organization at once, as its owner', async () => {
    const a = await signUp('olga');
    const organization = await a.client.settings.organization.query();
    expect(organization.role).toBe('owner');
    expect(organization.name).toBe("olga's organization");
    const me = await a.client.account.me.query();
    expect(me.user.emailVerified).toBe(false);
    expect(me.organizations).toEqual([
      { id: organization.id, name: organization.name, role: 'owner' },
    ]);
    expect(me.activeOrganization?.id).toBe(organization.id);
  });

  it('mails a verification link into the outbox with no tenant, and following it verifies', async () => {
    const a = await signUp('vera');
    const rows = await db.select().from(mailOutbox).where(eq(mailOutbox.userId, a.userId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'email_verification', to: a.email, tenantId: null });
    // the tenant's outbox stays the tenant's
    expect(await a.client.settings.outbox.query({})).toEqual([]);
    await verifyFromOutbox(a);
    expect((await a.client.account.me.query()).user.emailVerified).toBe(true);
    expect((await trpcError(a.client.account.resendVerification.mutate())).code).toBe('CONFLICT');
  });

  it('resends the verification mail on request', async () => {
    const a = await signUp('ralf');
    await a.client.account.resendVerification.mutate();
    const mails = await a.client.account.mail.query({});
    expect(mails.map((m) => m.kind)).toEqual(['email_verification', 'email_verification']);
  });

  it('resets a forgotten password through the mailed link and revokes old sessions', async () => {
    const a = await signUp('pia');
    const ask = await authPost('/request-password-reset', {
      email: a.email,
      redirectTo: 'http://127.0.0.1/reset-password',
    });
    expect(ask.status, await ask.clone().text()).toBe(200);
    const [mail] = await a.client.account.mail.query({});
    expect(mail?.kind).toBe('password_reset');
    const link = new URL(/https?:\/\/\S+/.exec(mail?.text ?? '')?.[0] as string);
    const token = link.pathname.split('/').pop() as string;
    const reset = await authPost('/reset-password', { token, newPassword: 'a-brand-new-password' });
    expect(reset.status, await reset.clone().text()).toBe(200);
    expect((await trpcError(a.client.account.me.query())).code).toBe('UNAUTHORIZED');
    const old = await authPost('/sign-in/email', { email: a.email, password: a.password });
    expect(old.status).toBe(401);
    const fresh = await authPost('/sign-in/email', {
      email: a.email,
      password: 'a-brand-new-password',
    });
    expect(fresh.status).toBe(200);
    // a used token does not work twice
    const again = await authPost('/reset-password', { token, newPassword: 'yet-another-password' });
    expect(again.status).toBe(400);
  });

  it('switches between its organizations and refuses one it is not a member of', async () => {
    const a = await signUp('sven');
    const b = await signUp('bert');
    const first = await a.client.settings.organization.query();
    const second = await a.client.account.createOrganization.mutate({ name: 'Second shop' });
    expect((await a.client.settings.organization.query()).id).toBe(second.id);
    await a.client.account.switchOrganization.mutate({ organizationId: first.id });
    expect((await a.client.settings.organization.query()).id).toBe(first.id);
    const foreign = await b.client.settings.organization.query();
    expect(
      (await trpcError(a.client.account.switchOrganization.mutate({ organizationId: foreign.id })))
        .code,
    ).toBe('NOT_FOUND');
    expect((await a.client.settings.organization.query()).id).toBe(first.id);
    expect((await a.client.account.me.query()).organizations.map((o) => o.name)).toEqual([
      "sven's organization",
      'Second shop',
    ]);
  });
});

describe('going live needs a verified email', () => {
  it('refuses live keys, live API keys and live webhook endpoints until the email is verified; test mode works at once', async () => {
    const a = await signUp('lena');
    const liveStripe = {
      secretKey: 'sk_live_51Qa2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYzGOOD',
      publishableKey: 'pk_live_51Qa2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz1234',
      webhookSecret: stripeKeys.webhookSecret,
    };
    const refusals = [
      () => a.client.settings.createApiKey.mutate({ name: 'Live shop', mode: 'live' }),
      () =>
        a.client.webhooks.createEndpoint.mutate({
          url: 'https://shop.example.com/hooks',
          mode: 'live',
          enabledEvents: ['order.paid'],
        } as never),
      () =>
        a.client.settings.connectIntegration.mutate({
          provider: 'stripe',
          credentials: liveStripe,
        }),
    ];
    for (const refusal of refusals) {
      const error = await trpcError(refusal());
      expect(error).toMatchObject({ code: 'FORBIDDEN', appCode: 'email_not_verified' });
      expect(error.message).toMatch(/confirm your email/i);
    }
    // nothing went to Stripe for the refused live key
    expect(stripeFake.state.requests.some((r) => r.path === '/v1/customers')).toBe(false);
    // test mode at once
    await a.client.settings.createApiKey.mutate({ name: 'Test shop', mode: 'test' });
    await a.client.settings.connectSandbox.mutate();

    await verifyFromOutbox(a);
    const live = await a.client.settings.createApiKey.mutate({ name: 'Live shop', mode: 'live' });
    expect(live.secret).toMatch(/^sk_live_/);
  });
});

describe('integrations (tRPC)', () => {
  it('connects the sandbox in one call, masked, and removes it', async () => {
    const a = await signUp('sandy');
    const connected = await a.client.settings.connectSandbox.mutate();
    expect(connected).toMatchObject({ provider: 'sandbox', mode: 'test' });
    expect(connected.credentials.webhookSecret).toMatch(/^whsec_…/);
    const [listed] = await a.client.settings.integrations.query();
    expect(listed).toMatchObject({ provider: 'sandbox', mode: 'test', enabled: true });
    await a.client.settings.removeIntegration.mutate({ provider: 'sandbox' });
    expect(await a.client.settings.integrations.query()).toEqual([]);
    expect(
      (await trpcError(a.client.settings.removeIntegration.mutate({ provider: 'sandbox' }))).code,
    ).toBe('NOT_FOUND');
  });

  it("verifies Stripe keys with Stripe before saving: a fake key is refused in Stripe's words", async () => {
    const a = await signUp('stefan');
    const fake = 'sk_test_51Qa2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYzFAKE';
    const refused = await trpcError(
      a.client.settings.connectIntegration.mutate({
        provider: 'stripe',
        credentials: { ...stripeKeys, secretKey: fake },
      }),
    );
    expect(refused).toMatchObject({
      code: 'UNPROCESSABLE_CONTENT',
      appCode: 'provider_credentials_rejected',
      message: 'Invalid API Key provided.',
    });
    expect(await a.client.settings.integrations.query()).toEqual([]);
    const saved = await a.client.settings.connectIntegration.mutate({
      provider: 'stripe',
      credentials: stripeKeys,
    });
    expect(saved.mode).toBe('test');
    expect(saved.credentials.secretKey).toMatch(/^sk_test_…GOOD$/);
  });

  it('names the fields a provider schema refuses, in words', async () => {
    const a = await signUp('fiona');
    const error = await trpcError(
      a.client.settings.connectIntegration.mutate({
        provider: 'stripe',
        // (an empty signing secret is no mistake: Stripe's endpoint is then registered for them)
        credentials: { ...stripeKeys, secretKey: 'nope', webhookSecret: 'not-a-secret' },
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    const fields = (error.details as { fields: Record<string, string> }).fields;
    expect(Object.keys(fields).sort()).toEqual(['secretKey', 'webhookSecret']);
    for (const message of Object.values(fields)) expect(message).not.toMatch(/[{[]/);
  });

  it('refuses a member every change to integrations and keys', async () => {
    const owner = await signUp('owen');
    const tenant = await owner.client.settings.organization.query();
    await owner.client.settings.connectSandbox.mutate();
    const member = await signUp('mira');
    await db
      .insert(members)
      .values({ id: newId('member'), organizationId: tenant.id, userId: member.userId });
    // verified, so only the role stands in the way
    await db.update(users).set({ emailVerified: true }).where(eq(users.id, member.userId));
    await member.client.account.switchOrganization.mutate({ organizationId: tenant.id });
    expect((await member.client.settings.organization.query()).role).toBe('member');
    // a member reads
    expect((await member.client.settings.integrations.query()).map((i) => i.provider)).toEqual([
      'sandbox',
    ]);
    const changes = [
      () => member.client.settings.connectSandbox.mutate(),
      () =>
        member.client.settings.connectIntegration.mutate({
          provider: 'stripe',
          credentials: stripeKeys,
        }),
      () =>
        member.client.settings.setIntegrationEnabled.mutate({
          provider: 'sandbox',
          enabled: false,
        }),
      () => member.client.settings.removeIntegration.mutate({ provider: 'sandbox' }),
      () => member.client.settings.createApiKey.mutate({ name: 'Nope', mode: 'test' }),
    ];
    for (const change of changes) expect((await trpcError(change())).code).toBe('FORBIDDEN');
    expect((await owner.client.settings.integrations.query())[0]?.enabled).toBe(true);
  });
});
