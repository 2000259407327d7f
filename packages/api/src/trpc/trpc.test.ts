import { randomUUID } from 'node:crypto';
import {
  createDatabase,
  type Database,
  markWebhookEventApplied,
  recordWebhookEvent,
  recordWebhookRejection,
} from '@prood/db';
import {
  coupons,
  integrations,
  members,
  orders,
  prices,
  products,
  taxRates,
  users,
} from '@prood/db/schema';
import { createRateLimiter } from '@prood/http/rate-limit';
import { type StripeFake, startStripeFake } from '@prood/stripe-fake';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { eq } from 'drizzle-orm';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { emitEvent } from '../events/emit';
import { serveDashboardApi } from '../testing/dashboard-api';
import type { serveFetchHandler } from '../testing/http';
import type { AppRouter } from './router';

let db: Database;
let server: Awaited<ReturnType<typeof serveFetchHandler>>;
let stripeFake: StripeFake;

beforeAll(async () => {
  db = createDatabase(inject('databaseUrl'), { max: 10 });
  // Stripe keys are checked with Stripe before they are saved: here, with its fake
  stripeFake = await startStripeFake();
  // these tests sign up many users from one address; the limits have their own tests
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

/** Signs a user up over HTTP, creates an organization and makes it active. */
async function signUpWithOrganization(name: string) {
  const email = `${name}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
  const post = async (path: string, body: unknown, cookie?: string) => {
    const res = await fetch(`${server.url}/api/auth${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: 'http://127.0.0.1',
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify(body),
    });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    return res;
  };
  const signUp = await post('/sign-up/email', { email, password: 'correct-horse-battery', name });
  const cookie = signUp.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const org = (await (
    await post(
      '/organization/create',
      {
        name: `${name} Ltd`,
        slug: `${name}-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`,
      },
      cookie,
    )
  ).json()) as { id: string };
  await post('/organization/set-active', { organizationId: org.id }, cookie);
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({ url: `${server.url}/api/trpc`, transformer: superjson, headers: { cookie } }),
    ],
  });
  return { client, tenantId: org.id, cookie };
}

async function trpcCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) return error.data?.code as string;
    throw error;
  }
  return undefined;
}

describe('dashboard tRPC', () => {
  it('refuses anonymous calls', async () => {
    const anonymous = createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${server.url}/api/trpc`, transformer: superjson })],
    });
    expect(await trpcCode(anonymous.catalog.list.query())).toBe('UNAUTHORIZED');
  });

  it('signs up, creates a product, and sees only its own tenant', async () => {
    const a = await signUpWithOrganization('alice');
    const b = await signUpWithOrganization('bob');
    const created = await a.client.catalog.create.mutate({
      name: 'Mug',
      price: { currency: 'EUR', unitAmount: 1500 },
    });
    expect(created.tenantId).toBe(a.tenantId);
    const productB = await b.client.catalog.create.mutate({
      name: 'Bowl',
      trackStock: true,
      stock: 3,
      price: { currency: 'EUR', unitAmount: 900 },
    });
    const key = await b.client.settings.createApiKey.mutate({ name: 'shop' });
    expect(key.secret).toMatch(/^sk_test_/);
    const couponB = await b.client.settings.createCoupon.mutate({
      kind: 'percent',
      code: 'B10',
      percentOffBps: 1000,
    });
    const taxB = await b.client.settings.createTaxRate.mutate({
      name: 'VAT',
      country: 'DE',
      rateBps: 1900,
    });

    expect((await a.client.catalog.list.query()).map((p) => p.id)).toEqual([created.id]);

    const priceB = productB.prices[0]?.id ?? '';
    const before = {
      product: await db.select().from(products).where(eq(products.id, productB.id)),
      price: await db.select().from(prices).where(eq(prices.id, priceB)),
    };
    const crossTenant: Array<[string, () => Promise<unknown>]> = [
      ['catalog.get', () => a.client.catalog.get.query({ id: productB.id })],
      [
        'catalog.update',
        () => a.client.catalog.update.mutate({ id: productB.id, name: 'pwned', stock: 0 }),
      ],
      [
        'catalog.addPrice',
        () =>
          a.client.catalog.addPrice.mutate({
            productId: productB.id,
            price: { currency: 'EUR', unitAmount: 1 },
          }),
      ],
      ['catalog.archivePrice', () => a.client.catalog.archivePrice.mutate({ id: priceB })],
      ['settings.revokeApiKey', () => a.client.settings.revokeApiKey.mutate({ id: key.id })],
      [
        'settings.deactivateCoupon',
        () => a.client.settings.deactivateCoupon.mutate({ id: couponB.id }),
      ],
      [
        'settings.deactivateTaxRate',
        () => a.client.settings.deactivateTaxRate.mutate({ id: taxB?.id ?? '' }),
      ],
    ];
    for (const [name, call] of crossTenant) {
      expect(await trpcCode(call()), name).toBe('NOT_FOUND');
    }
    expect({
      product: await db.select().from(products).where(eq(products.id, productB.id)),
      price: await db.select().from(prices).where(eq(prices.id, priceB)),
    }).toEqual(before);
    expect((await b.client.settings.apiKeys.query())[0]?.revokedAt).toBeNull();
    expect(await a.client.settings.coupons.query()).toEqual({ data: [], nextCursor: null });
    expect(await a.client.settings.outbox.query({})).toEqual([]);
  });

  it('answers NOT_FOUND for another tenant’s orders and leaves them alone', async () => {
    const a = await signUpWithOrganization('carol');
    const b = await signUpWithOrganization('dave');
    const { createTestOrder } = await import('@prood/db/testing');
    const orderB = await createTestOrder(db, { tenantId: b.tenantId });
    expect(await trpcCode(a.client.orders.get.query({ id: orderB.id }))).toBe('NOT_FOUND');
    expect(await trpcCode(a.client.orders.cancel.mutate({ id: orderB.id }))).toBe('NOT_FOUND');
    expect((await db.select().from(orders).where(eq(orders.id, orderB.id)))[0]?.status).toBe(
      'PENDING',
    );
    expect((await a.client.orders.list.query({})).length).toBe(0);
    expect((await b.client.orders.get.query({ id: orderB.id })).id).toBe(orderB.id);
  });

  it('keeps settings and keys to owners and admins', async () => {
    const a = await signUpWithOrganization('erin');
    const [membership] = await db
      .select()
      .from(members)
      .where(eq(members.organizationId, a.tenantId));
    expect(membership?.role).toBe('owner');
    await db.update(members).set({ role: 'member' }).where(eq(members.organizationId, a.tenantId));
    expect(await trpcCode(a.client.settings.createApiKey.mutate({ name: 'x' }))).toBe('FORBIDDEN');
    expect(
      await trpcCode(
        a.client.catalog.create.mutate({ name: 'x', price: { currency: 'EUR', unitAmount: 1 } }),
      ),
    ).toBe('FORBIDDEN');
    // members still read
    expect(await a.client.catalog.list.query()).toEqual([]);
  });

  it('validates input and reports the app code', async () => {
    const a = await signUpWithOrganization('frank');
    expect(
      await trpcCode(
        a.client.catalog.create.mutate({ name: '', price: { currency: 'euro', unitAmount: -1 } }),
      ),
    ).toBe('BAD_REQUEST');
    await a.client.settings.createCoupon.mutate({
      kind: 'percent',
      code: 'DUP',
      percentOffBps: 500,
    });
    expect(
      await trpcCode(
        a.client.settings.createCoupon.mutate({ kind: 'percent', code: 'DUP', percentOffBps: 500 }),
      ),
    ).toBe('CONFLICT');
  });
});

describe('connecting a provider from the registry', () => {
  const keys = {
    secretKey: 'sk_test_51Qa2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz4242',
    publishableKey: 'pk_test_51Qa2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz1234',
    webhookSecret: 'whsec_0123456789abcdefghijklmnopqrstuv',
  };

  it('seals the keys, shows them masked with the webhook URL, and refuses bad or mixed keys', async () => {
    const a = await signUpWithOrganization('gina');
    const connect = (credentials: Record<string, string>) =>
      a.client.settings.connectIntegration.mutate({ provider: 'stripe', credentials });
    const forms = await a.client.settings.providers.query();
    expect(forms.find((f) => f.id === 'stripe')?.fields.map((f) => f.name)).toEqual([
      'secretKey',
      'publishableKey',
      'webhookSecret',
      'accountId',
    ]);
    // the sandbox is set up for a tenant, not typed in
    expect(forms.some((f) => f.id === 'sandbox')).toBe(false);
    expect(
      await trpcCode(
        a.client.settings.connectIntegration.mutate({
          provider: 'sandbox',
          credentials: { webhookSecret: 'whsec_MDEyMzQ1Njc4OWFiY2RlZg==' },
        }),
      ),
    ).toBe('BAD_REQUEST');
    // an empty optional field is left out, not refused
    const connected = await connect({ ...keys, accountId: '' });
    expect(connected.mode).toBe('test');
    expect(JSON.stringify(connected)).not.toContain(keys.secretKey);
    expect(connected.credentials.secretKey).toMatch(/^sk_test_…4242$/);
    const listed = await a.client.settings.integrations.query();
    const stripe = listed.find((i) => i.provider === 'stripe');
    expect(stripe?.webhookUrl).toBe(`http://localhost:3004/api/webhooks/stripe/${a.tenantId}`);
    expect(JSON.stringify(listed)).not.toContain(keys.webhookSecret);
    const [row] = await db.select().from(integrations).where(eq(integrations.tenantId, a.tenantId));
    expect(row?.encryptedCredentials).not.toContain('sk_test');

    // a live secret key with a test publishable key: refused, nothing secret in the message
    let message = '';
    try {
      await connect({
        ...keys,
        secretKey: keys.secretKey.replace('sk_test_', 'sk_live_'),
      });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/mode|live|test/i);
    expect(message).not.toContain('51Qa2b3C4d5E6f7G8h9I0j');
    expect(await trpcCode(connect({ ...keys, secretKey: 'nope' }))).toBe('BAD_REQUEST');
    // the stored integration is still the good one
    expect(
      (await a.client.settings.integrations.query()).find((i) => i.provider === 'stripe')?.mode,
    ).toBe('test');
    await a.client.settings.setIntegrationEnabled.mutate({ provider: 'stripe', enabled: false });
    expect((await a.client.settings.integrations.query())[0]?.enabled).toBe(false);
  });
});

describe('dashboard webhooks (tRPC)', () => {
  it("manages endpoints for the dashboard; another tenant's endpoint, delivery or event answers NOT_FOUND; members are refused", async () => {
    const a = await signUpWithOrganization('whook-a');
    const b = await signUpWithOrganization('whook-b');
    // live endpoints need a verified email (its own test in account.test.ts); here a verified owner
    const [owner] = await db.select().from(members).where(eq(members.organizationId, a.tenantId));
    await db
      .update(users)
      .set({ emailVerified: true })
      .where(eq(users.id, owner?.userId ?? ''));
    const created = await a.client.webhooks.createEndpoint.mutate({
      mode: 'test',
      url: 'http://localhost:3000/webhooks',
      enabledEvents: ['order.created'],
    });
    expect(created.secret).toMatch(/^whsec_/);
    expect((await a.client.webhooks.listEndpoints.query()).map((e) => e.id)).toEqual([created.id]);
    expect(
      await trpcCode(
        a.client.webhooks.createEndpoint.mutate({
          mode: 'live',
          url: 'http://localhost:3000/webhooks',
          enabledEvents: ['*'],
        }),
      ),
    ).toBe('UNPROCESSABLE_CONTENT');

    // an event owed to A's endpoint
    await db.transaction((tx) =>
      emitEvent(tx, { tenantId: a.tenantId, type: 'order.created', object: { id: 'ord_x' } }),
    );
    const deliveries = await a.client.webhooks.listDeliveries.query({ endpointId: created.id });
    expect(deliveries.data).toHaveLength(1);
    const deliveryId = deliveries.data[0]?.id ?? '';
    const detail = await a.client.webhooks.getDelivery.query({ id: deliveryId });
    expect(JSON.parse(detail.payload ?? '{}')).toMatchObject({ type: 'order.created' });
    expect(detail.attempts).toEqual([]);
    expect((await a.client.webhooks.resendDelivery.mutate({ id: deliveryId })).status).toBe(
      'pending',
    );
    const eventId = detail.eventId;

    expect(await b.client.webhooks.listEndpoints.query()).toEqual([]);
    expect((await b.client.webhooks.listDeliveries.query({})).data).toEqual([]);
    expect((await b.client.webhooks.listEvents.query({})).data.map((e) => e.id)).not.toContain(
      eventId,
    );
    for (const call of [
      () => b.client.webhooks.getEndpoint.query({ id: created.id }),
      () => b.client.webhooks.updateEndpoint.mutate({ id: created.id, patch: { disabled: true } }),
      () => b.client.webhooks.rotateSecret.mutate({ id: created.id }),
      () => b.client.webhooks.deleteEndpoint.mutate({ id: created.id }),
      () => b.client.webhooks.getDelivery.query({ id: deliveryId }),
      () => b.client.webhooks.resendDelivery.mutate({ id: deliveryId }),
      () => b.client.webhooks.listDeliveries.query({ startingAfter: deliveryId }),
      () => b.client.webhooks.listEvents.query({ startingAfter: eventId }),
    ]) {
      expect(await trpcCode(call())).toBe('NOT_FOUND');
    }
    expect((await a.client.webhooks.getEndpoint.query({ id: created.id })).status).toBe('enabled');

    await db.update(members).set({ role: 'member' }).where(eq(members.organizationId, a.tenantId));
    expect(await trpcCode(a.client.webhooks.listEndpoints.query())).toBe('FORBIDDEN');
    expect(await trpcCode(a.client.webhooks.resendDelivery.mutate({ id: deliveryId }))).toBe(
      'FORBIDDEN',
    );
  });

  it("saves checkout branding and shipping options; refuses a low-contrast accent and another tenant's rate; members only read", async () => {
    const a = await signUpWithOrganization('brand');
    const b = await signUpWithOrganization('other');
    expect(await a.client.checkoutSettings.get.query()).toMatchObject({
      displayName: null,
      accentColor: null,
      stripeFlow: 'embedded',
    });
    await a.client.checkoutSettings.update.mutate({
      displayName: 'Brand Coffee',
      accentColor: '#1F4FD1',
      shippingCountries: ['NL', 'DE', 'DE'],
      logoUrl: 'https://cdn.example.com/logo.png',
    });
    // a second form saves only its own fields; '' clears a setting
    await a.client.checkoutSettings.update.mutate({ termsUrl: 'https://shop.example/terms' });
    await a.client.checkoutSettings.update.mutate({ logoUrl: '' });
    expect(await a.client.checkoutSettings.get.query()).toMatchObject({
      displayName: 'Brand Coffee',
      accentColor: '#1f4fd1',
      shippingCountries: ['DE', 'NL'],
      termsUrl: 'https://shop.example/terms',
      logoUrl: null,
    });
    for (const bad of [
      { accentColor: '#ffd400' },
      { logoUrl: 'javascript:alert(1)' },
      { termsUrl: 'http://shop.example/terms' },
      { shippingCountries: ['XX1'] },
      { defaultLocale: 'xx' },
    ]) {
      expect(
        await trpcCode(a.client.checkoutSettings.update.mutate(bad as never)),
        JSON.stringify(bad),
      ).toBe('BAD_REQUEST');
    }
    expect((await b.client.checkoutSettings.get.query()).displayName).toBeNull();

    const rate = await a.client.checkoutSettings.createShippingRate.mutate({
      name: 'Express',
      amount: 990,
      currency: 'EUR',
      minDeliveryDays: 1,
      maxDeliveryDays: 2,
    });
    expect(
      await trpcCode(
        a.client.checkoutSettings.createShippingRate.mutate({
          name: 'Backwards',
          amount: 0,
          currency: 'EUR',
          minDeliveryDays: 5,
          maxDeliveryDays: 2,
        }),
      ),
    ).toBe('BAD_REQUEST');
    expect((await a.client.checkoutSettings.shippingRates.query()).map((r) => r.id)).toEqual([
      rate.id,
    ]);
    expect(await b.client.checkoutSettings.shippingRates.query()).toEqual([]);
    expect(
      await trpcCode(b.client.checkoutSettings.deactivateShippingRate.mutate({ id: rate.id })),
    ).toBe('NOT_FOUND');

    await db.update(members).set({ role: 'member' }).where(eq(members.organizationId, a.tenantId));
    expect((await a.client.checkoutSettings.get.query()).displayName).toBe('Brand Coffee');
    expect(await trpcCode(a.client.checkoutSettings.update.mutate({ displayName: 'Pwned' }))).toBe(
      'FORBIDDEN',
    );
    expect(
      await trpcCode(a.client.checkoutSettings.deactivateShippingRate.mutate({ id: rate.id })),
    ).toBe('FORBIDDEN');
  });
});

/** The zod issues of a refused call, as `{ field: message }` the way the dashboard shows them. */
async function issuesOf(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    expect(error.data?.code).toBe('BAD_REQUEST');
    const issues = (error.data?.zodError ?? []) as Array<{ path: string[]; message: string }>;
    return Object.fromEntries(issues.map((i) => [i.path.join('.'), i.message]));
  }
  throw new Error('expected the call to be refused');
}

describe('dashboard catalog (tRPC)', () => {
  it('turns amounts typed as decimals into minor units through the currency exponent', async () => {
    const a = await signUpWithOrganization('cata');
    const created = await a.client.catalog.create.mutate({
      name: 'Tea',
      price: { currency: 'eur', amount: '12.50' },
    });
    expect(created.prices.map((p) => [p.currency, p.unitAmount])).toEqual([['EUR', 1250]]);
    const yen = await a.client.catalog.addPrice.mutate({
      productId: created.id,
      price: { currency: 'JPY', amount: '1200' },
    });
    expect(yen.unitAmount).toBe(1200);
    const dinar = await a.client.catalog.addPrice.mutate({
      productId: created.id,
      price: {
        currency: 'KWD',
        amount: '1,234',
        type: 'recurring',
        recurringInterval: 'month',
      },
    });
    expect([dinar.unitAmount, dinar.recurringInterval, dinar.recurringIntervalCount]).toEqual([
      1234,
      'month',
      1,
    ]);
    // a zero-decimal currency refuses cents; too many decimals, words and a missing interval too
    expect(
      await issuesOf(
        a.client.catalog.addPrice.mutate({
          productId: created.id,
          price: { currency: 'JPY', amount: '12.5' },
        }),
      ),
    ).toEqual({ 'price.amount': 'JPY has no decimals: use a whole amount' });
    expect(
      await issuesOf(
        a.client.catalog.addPrice.mutate({
          productId: created.id,
          price: { currency: 'EUR', amount: '1.999' },
        }),
      ),
    ).toEqual({ 'price.amount': 'EUR has at most 2 decimals' });
    expect(
      await issuesOf(
        a.client.catalog.addPrice.mutate({
          productId: created.id,
          price: { currency: 'EUR', amount: 'ten', type: 'recurring' },
        }),
      ),
    ).toEqual({
      'price.amount': 'must be an amount like 12.50',
      'price.recurringInterval': 'choose how often a recurring price is charged',
    });
    expect(
      await issuesOf(
        a.client.catalog.addPrice.mutate({ productId: created.id, price: { currency: 'XYZ' } }),
      ),
    ).toHaveProperty('price.currency', 'choose a supported currency, e.g. EUR');
    const stored = await db.select().from(prices).where(eq(prices.productId, created.id));
    expect(stored.map((p) => p.unitAmount).sort((x, y) => x - y)).toEqual([1200, 1234, 1250]);
  });

  it('keeps image, fulfilment and stock, pages by keyset and refuses bad fields in words', async () => {
    const a = await signUpWithOrganization('catb');
    const b = await signUpWithOrganization('catc');
    await b.client.catalog.create.mutate({ name: 'Not yours' });
    const made = [];
    for (const name of ['One', 'Two', 'Three']) {
      made.push(
        await a.client.catalog.create.mutate({
          name,
          description: `${name} thing`,
          imageUrl: 'https://img.example/one.png',
          fulfillmentMethods: ['digital'],
          trackStock: true,
          stock: 4,
        }),
      );
    }
    expect(made[0]).toMatchObject({
      imageUrl: 'https://img.example/one.png',
      fulfillmentMethods: ['digital'],
      stock: 4,
      prices: [],
    });
    const first = await a.client.catalog.page.query({ limit: 2 });
    expect(first.data.map((p) => p.name)).toEqual(['Three', 'Two']);
    expect(first.nextCursor).toBeTruthy();
    const second = await a.client.catalog.page.query({
      limit: 2,
      cursor: first.nextCursor ?? '',
    });
    expect(second.data.map((p) => p.name)).toEqual(['One']);
    expect(second.nextCursor).toBeNull();
    expect(await trpcCode(a.client.catalog.page.query({ cursor: 'bm90LWEtY3Vyc29y' }))).toBe(
      'BAD_REQUEST',
    );

    const id = made[0]?.id ?? '';
    const updated = await a.client.catalog.update.mutate({
      id,
      active: false,
      trackStock: false,
      imageUrl: '',
      fulfillmentMethods: ['shipping', 'pickup', 'shipping'],
    });
    expect(updated).toMatchObject({
      active: false,
      trackStock: false,
      stock: null,
      imageUrl: null,
      fulfillmentMethods: ['shipping', 'pickup'],
    });
    expect(
      await issuesOf(
        a.client.catalog.update.mutate({
          id,
          name: '  ',
          imageUrl: 'http://img.example/a.png',
          fulfillmentMethods: [],
          stock: -1,
        }),
      ),
    ).toEqual({
      name: 'Too small: expected string to have >=1 characters',
      imageUrl: 'must be an https:// address of an image',
      fulfillmentMethods: 'choose at least one way to deliver it',
      stock: 'must be 0 or more',
    });
  });

  it('pages coupons and tax rates by keyset, newest first, within the tenant', async () => {
    const a = await signUpWithOrganization('catpage');
    const b = await signUpWithOrganization('catpageb');
    await b.client.settings.createCoupon.mutate({
      kind: 'percent',
      code: 'THEIRS',
      percentOff: '5',
    });
    await b.client.settings.createTaxRate.mutate({ name: 'Theirs', country: 'FR', rate: '20' });
    for (const code of ['ONE', 'TWO', 'THREE']) {
      await a.client.settings.createCoupon.mutate({ kind: 'percent', code, percentOff: '10' });
    }
    for (const country of ['DE', 'AT', 'NL']) {
      await a.client.settings.createTaxRate.mutate({ name: `VAT ${country}`, country, rate: '19' });
    }
    const first = await a.client.settings.coupons.query({ limit: 2 });
    expect(first.data.map((c) => c.code)).toEqual(['THREE', 'TWO']);
    const second = await a.client.settings.coupons.query({
      limit: 2,
      cursor: first.nextCursor ?? '',
    });
    expect(second.data.map((c) => c.code)).toEqual(['ONE']);
    expect(second.nextCursor).toBeNull();
    const rates = await a.client.settings.taxRates.query({ limit: 2 });
    expect(rates.data.map((r) => r.country)).toEqual(['NL', 'AT']);
    const rest = await a.client.settings.taxRates.query({
      limit: 2,
      cursor: rates.nextCursor ?? '',
    });
    expect(rest.data.map((r) => r.country)).toEqual(['DE']);
    expect(rest.nextCursor).toBeNull();
    // a cursor of another kind, or an edited one, is refused before any query
    expect(
      await trpcCode(a.client.settings.taxRates.query({ cursor: first.nextCursor ?? '' })),
    ).toBe('BAD_REQUEST');
    expect(await trpcCode(a.client.settings.coupons.query({ cursor: 'bm90LWEtY3Vyc29y' }))).toBe(
      'BAD_REQUEST',
    );
  });

  it('creates coupons and tax rates from typed percentages and amounts', async () => {
    const a = await signUpWithOrganization('catd');
    const percent = await a.client.settings.createCoupon.mutate({
      kind: 'percent',
      code: 'SPRING',
      percentOff: '12.5',
      minOrderAmount: '20',
      currency: 'EUR',
      maxUses: 100,
      oncePerCustomer: true,
    });
    expect(percent).toMatchObject({
      percentOffBps: 1250,
      minOrderAmount: 2000,
      currency: 'EUR',
      maxUses: 100,
      oncePerCustomer: true,
      timesUsed: 0,
    });
    const yen = await a.client.settings.createCoupon.mutate({
      kind: 'fixed',
      code: 'YEN500',
      amountOff: '500',
      currency: 'JPY',
    });
    expect([yen.amountOff, yen.currency, yen.percentOffBps]).toEqual([500, 'JPY', null]);
    expect(
      await issuesOf(
        a.client.settings.createCoupon.mutate({ kind: 'fixed', code: 'X', amountOff: '5' }),
      ),
    ).toEqual({ code: 'Too small: expected string to have >=2 characters' });
    expect(
      await issuesOf(
        a.client.settings.createCoupon.mutate({ kind: 'fixed', code: 'XY', amountOff: '5' }),
      ),
    ).toEqual({ currency: 'choose the currency of the amount' });
    expect(
      await issuesOf(
        a.client.settings.createCoupon.mutate({
          kind: 'percent',
          code: 'BIG',
          percentOff: '150',
          expiresAt: new Date(Date.now() - 60_000),
        }),
      ),
    ).toEqual({
      expiresAt: 'must be in the future',
      percentOff: 'must be more than 0 and at most 100',
    });
    const conflict = await a.client.settings.createCoupon
      .mutate({ kind: 'percent', code: 'SPRING', percentOff: '5' })
      .catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(TRPCClientError);
    expect((conflict as TRPCClientError<AppRouter>).data?.details).toMatchObject({
      fields: { code: 'a coupon with this code exists already' },
    });

    const vat = await a.client.settings.createTaxRate.mutate({
      name: 'VAT',
      country: 'de',
      rate: '7,5',
      inclusive: true,
    });
    expect(vat).toMatchObject({ country: 'DE', rateBps: 750, inclusive: true });
    expect(
      await issuesOf(
        a.client.settings.createTaxRate.mutate({ name: '', country: 'Germany', rate: '101' }),
      ),
    ).toEqual({
      name: 'Too small: expected string to have >=1 characters',
      country: 'must be an ISO 3166-1 alpha-2 country code, e.g. DE',
      rate: 'must be between 0 and 100',
    });
    expect((await a.client.settings.coupon.query({ id: yen.id })).code).toBe('YEN500');
    expect((await a.client.settings.taxRate.query({ id: vat?.id ?? '' })).name).toBe('VAT');
  });

  it("answers NOT_FOUND for another tenant's product, coupon and tax rate; members only read", async () => {
    const a = await signUpWithOrganization('cate');
    const b = await signUpWithOrganization('catf');
    const productB = await b.client.catalog.create.mutate({
      name: 'Secret',
      price: { currency: 'EUR', amount: '9' },
    });
    const couponB = await b.client.settings.createCoupon.mutate({
      kind: 'percent',
      code: 'BONLY',
      percentOff: '10',
    });
    const taxB = await b.client.settings.createTaxRate.mutate({
      name: 'TVA',
      country: 'FR',
      rate: '20',
    });
    for (const [name, call] of [
      ['catalog.get', () => a.client.catalog.get.query({ id: productB.id })],
      ['settings.coupon', () => a.client.settings.coupon.query({ id: couponB.id })],
      ['settings.taxRate', () => a.client.settings.taxRate.query({ id: taxB?.id ?? '' })],
      ['catalog.update', () => a.client.catalog.update.mutate({ id: productB.id, active: false })],
    ] as const) {
      expect(await trpcCode(call()), name).toBe('NOT_FOUND');
    }
    expect((await a.client.catalog.page.query({})).data).toEqual([]);

    // b's owner becomes a member: every read still works, every change is refused
    await db.update(members).set({ role: 'member' }).where(eq(members.organizationId, b.tenantId));
    const priceB = productB.prices[0]?.id ?? '';
    const before = {
      product: await db.select().from(products).where(eq(products.id, productB.id)),
      prices: await db.select().from(prices).where(eq(prices.productId, productB.id)),
      coupon: await db.select().from(coupons).where(eq(coupons.id, couponB.id)),
      tax: await db
        .select()
        .from(taxRates)
        .where(eq(taxRates.id, taxB?.id ?? '')),
    };
    for (const [name, call] of [
      ['catalog.create', () => b.client.catalog.create.mutate({ name: 'x' })],
      ['catalog.update', () => b.client.catalog.update.mutate({ id: productB.id, name: 'y' })],
      [
        'catalog.addPrice',
        () =>
          b.client.catalog.addPrice.mutate({
            productId: productB.id,
            price: { currency: 'EUR', amount: '1' },
          }),
      ],
      ['catalog.archivePrice', () => b.client.catalog.archivePrice.mutate({ id: priceB })],
      [
        'settings.createCoupon',
        () =>
          b.client.settings.createCoupon.mutate({ kind: 'percent', code: 'M', percentOff: '1' }),
      ],
      [
        'settings.deactivateCoupon',
        () => b.client.settings.deactivateCoupon.mutate({ id: couponB.id }),
      ],
      [
        'settings.createTaxRate',
        () => b.client.settings.createTaxRate.mutate({ name: 'x', country: 'DE', rate: '1' }),
      ],
      [
        'settings.deactivateTaxRate',
        () => b.client.settings.deactivateTaxRate.mutate({ id: taxB?.id ?? '' }),
      ],
    ] as const) {
      expect(await trpcCode(call()), name).toBe('FORBIDDEN');
    }
    expect({
      product: await db.select().from(products).where(eq(products.id, productB.id)),
      prices: await db.select().from(prices).where(eq(prices.productId, productB.id)),
      coupon: await db.select().from(coupons).where(eq(coupons.id, couponB.id)),
      tax: await db
        .select()
        .from(taxRates)
        .where(eq(taxRates.id, taxB?.id ?? '')),
    }).toEqual(before);
    expect((await b.client.catalog.get.query({ id: productB.id })).prices).toHaveLength(1);
    expect((await b.client.catalog.page.query({})).data).toHaveLength(1);
    expect((await b.client.settings.coupons.query()).data).toHaveLength(1);
    expect((await b.client.settings.taxRates.query()).data).toHaveLength(1);
  });
});

describe('provider event log and analytics ranges (tRPC)', () => {
  it("lists and opens the tenant's provider events; members read too; another tenant's id is NOT_FOUND", async () => {
    const a = await signUpWithOrganization('eve');
    const b = await signUpWithOrganization('mallory');
    const handledAt = new Date();
    const body =
      '{"id":"evt_sbx_1","type":"payment.succeeded","data":{"note":"<script>x</script>"}}';
    const stored = await recordWebhookEvent(db, {
      tenantId: a.tenantId,
      provider: 'sandbox',
      eventId: 'evt_sbx_1',
      type: 'payment.succeeded',
      normalized: [{ type: 'payment.succeeded', orderId: 'ord_1' }],
      rawBody: body,
      handledAt,
    });
    await markWebhookEventApplied(db, {
      tenantId: a.tenantId,
      id: stored.id,
      effects: [{ type: 'payment.succeeded', orderId: 'ord_1', outcome: 'paid' }],
      handledAt,
    });
    await recordWebhookEvent(db, {
      tenantId: a.tenantId,
      provider: 'sandbox',
      eventId: 'evt_sbx_1',
      type: 'payment.succeeded',
      handledAt,
    });
    await recordWebhookRejection(db, {
      tenantId: a.tenantId,
      provider: 'sandbox',
      reason: 'webhook_signature_invalid',
      source: 'checkout',
      bytes: 42,
    });

    await db.update(members).set({ role: 'member' }).where(eq(members.organizationId, a.tenantId));
    const list = await a.client.providerEvents.list.query({});
    expect(list.data.map((e) => e.kind).sort()).toEqual(['event', 'rejection']);
    const event = list.data.find((e) => e.kind === 'event');
    expect(event).toMatchObject({ duplicates: 1, orderId: 'ord_1', outcomes: ['paid'] });
    const detail = await a.client.providerEvents.get.query({ id: stored.id });
    expect(detail).toMatchObject({ payload: body, duplicates: 1 });
    expect((await a.client.providerEvents.list.query({ result: 'rejected' })).data).toMatchObject([
      { kind: 'rejection', reason: 'webhook_signature_invalid', count: 1 },
    ]);
    expect(await a.client.providerEvents.types.query()).toEqual(['payment.succeeded']);

    expect(await trpcCode(b.client.providerEvents.get.query({ id: stored.id }))).toBe('NOT_FOUND');
    expect((await b.client.providerEvents.list.query({})).data).toEqual([]);
    expect(await trpcCode(a.client.providerEvents.get.query({ id: 'nope' }))).toBe('BAD_REQUEST');
    expect(await trpcCode(a.client.providerEvents.list.query({ result: 'bogus' as never }))).toBe(
      'BAD_REQUEST',
    );
  });

  it('takes a custom range of UTC days, validated, with a value for every day', async () => {
    const a = await signUpWithOrganization('olivia');
    const custom = await a.client.analytics.overview.query({
      range: 'custom',
      from: '2026-02-27',
      to: '2026-03-02',
    });
    expect(custom).toMatchObject({
      range: 'custom',
      from: '2026-02-27',
      to: '2026-03-02',
      days: 4,
    });
    expect(custom.sessions).toEqual({ opened: 0, paid: 0, expired: 0, other: 0, rate: null });
    const leap = await a.client.analytics.overview.query({
      range: 'custom',
      from: '2028-01-01',
      to: '2028-12-31',
    });
    expect(leap.days).toBe(366);
    for (const bad of [
      { range: 'custom' as const, from: '2026-03-02', to: '2026-03-01' },
      { range: 'custom' as const, from: '2026-01-01', to: '2027-01-02' },
      { range: 'custom' as const, from: '2026-02-30', to: '2026-03-01' },
      { range: 'custom' as const, from: '2026-02-01' },
    ]) {
      expect(await trpcCode(a.client.analytics.overview.query(bad))).toBe('BAD_REQUEST');
    }
    expect((await a.client.analytics.overview.query({ range: '7d' })).days).toBe(7);
  });
});
