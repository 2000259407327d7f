import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { type StripeFake, signStripeEvent, startStripeFake } from '@prood/stripe-fake';
import { apiUrl, E2E_PORTS } from './platform';
import { checkStep, type Json, orderAndCheckout, STORE } from './shopper';
import { type StripeTenant, seedStripeTenant } from './stripe-tenant';

/*
 * Stripe's Payment Element on the one checkout page. Stripe.js cannot load on the test
 * machines, so the browser boundary is asserted instead: every request to js.stripe.com is
 * answered with a recording stand-in (fixtures/stripe-js-recorder.js), and the spec checks the
 * page handed it the tenant's publishable key and the client secret of the PaymentIntent the
 * Stripe fake holds for the order. The server half runs for real: the Stripe SDK in the
 * checkout app talks to the Stripe fake (tooling/stripe-fake).
 */

const RECORDER = readFileSync(
  join(import.meta.dirname, 'fixtures', 'stripe-js-recorder.js'),
  'utf8',
);

let fake: StripeFake;
let tenant: StripeTenant;

test.beforeAll(async () => {
  fake = await startStripeFake({ port: E2E_PORTS.stripe });
  tenant = await seedStripeTenant();
});
test.afterAll(async () => {
  await fake?.close();
});

async function tenantApi(method: string, path: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Json;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function serveRecorder(page: Page): Promise<string[]> {
  const requested: string[] = [];
  await page.route('https://js.stripe.com/**', async (route) => {
    requested.push(route.request().url());
    await route.fulfill({ contentType: 'text/javascript', body: RECORDER });
  });
  return requested;
}

const STRIPE_ORIGINS = [
  'https://js.stripe.com',
  'https://api.stripe.com',
  'https://hooks.stripe.com',
];

test('a Stripe tenant’s page mounts the Payment Element with its publishable key and the order’s PaymentIntent', async ({
  page,
}, info) => {
  const requested = await serveRecorder(page);
  const order = await tenantApi('POST', '/v1/orders', {
    items: [{ priceId: tenant.priceId, quantity: 2 }],
    customer: { name: 'Ada Shopper', email: 'ada@example.com' },
    fulfillment: { method: 'pickup' },
    returnUrl: `${STORE}/thanks`,
  });
  const checkout = await tenantApi('POST', `/v1/orders/${order.id}/checkout`, {
    provider: 'stripe',
  });

  // the policy names Stripe's origins for this tenant
  const first = await page.goto(checkout.url);
  const csp = first?.headers()['content-security-policy'] ?? '';
  for (const origin of STRIPE_ORIGINS) expect(csp).toContain(origin);
  expect(csp).toContain("frame-ancestors 'none'");

  // details first: nothing is charged, no intent exists before the shopper continues
  await expect(page.getByTestId('pay-continue')).toBeVisible();
  expect(
    [...fake.state.paymentIntents.values()].filter(
      (pi) => pi.metadata && (pi.metadata as Json).order_id === order.id,
    ),
  ).toHaveLength(0);
  await checkStep(page, info, 'stripe-details');
  await page.getByTestId('pay-continue').click();

  // the element's area while Stripe.js is (never) ready: a loading card, not a hole
  await expect(page.getByTestId('stripe-loading')).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => (window as Json).__stripeRecorder?.mounted ?? 0))
    .toBe(1);
  expect(requested.length).toBeGreaterThan(0);

  const intents = [...fake.state.paymentIntents.values()].filter(
    (pi) => (pi.metadata as Json).order_id === order.id,
  );
  expect(intents).toHaveLength(1);
  const intent = intents[0] as Json;
  // the server's amount, never the browser's
  expect(intent).toMatchObject({ amount: order.total, currency: 'eur' });
  const recorded = await page.evaluate(() => (window as Json).__stripeRecorder);
  expect(recorded.publishableKeys).toEqual([tenant.credentials.publishableKey]);
  expect(recorded.elementsOptions).toHaveLength(1);
  expect(recorded.elementsOptions[0].clientSecret).toBe(intent.client_secret);
  expect(recorded.created).toEqual(['payment']);
  // the secret key never reaches the browser
  expect(await page.content()).not.toContain(tenant.credentials.secretKey);

  for (const [name, size] of [
    ['stripe-element-desktop', { width: 1280, height: 900 }],
    ['stripe-element-phone', { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(size);
    await checkStep(page, info, name);
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // a reload mounts the same intent again (no second PaymentIntent)
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => (window as Json).__stripeRecorder?.mounted ?? 0))
    .toBe(1);
  expect(
    await page.evaluate(() => (window as Json).__stripeRecorder.elementsOptions[0].clientSecret),
  ).toBe(intent.client_secret);
  expect(
    [...fake.state.paymentIntents.values()].filter(
      (pi) => (pi.metadata as Json).order_id === order.id,
    ),
  ).toHaveLength(1);

  // Stripe.js says ready; the shopper pays; Stripe settles the intent
  await page.evaluate(() => (window as Json).__stripeRecorder.fireReady());
  await page.getByTestId('pay-stripe').click();
  await expect
    .poll(() => page.evaluate(() => (window as Json).__stripeRecorder.confirmCalls))
    .toEqual([
      {
        returnUrl: `http://localhost:${E2E_PORTS.checkout}/c/${checkout.sessionId}`,
        redirect: 'if_required',
        sameElements: true,
      },
    ]);
  const settled = fake.setPaymentIntentStatus(intent.id, 'succeeded');
  // the page asked Stripe (not the browser): paid at Stripe, the order not yet → processing
  await expect(page.getByTestId('processing')).toBeVisible();
  expect((await tenantApi('GET', `/v1/orders/${order.id}`)).status).toBe('PENDING');

  // Stripe's webhook reaches the checkout app, the API records it; the page follows the order
  const event = fake.createEvent('payment_intent.succeeded', settled);
  const { payload, header } = signStripeEvent(event, tenant.credentials.webhookSecret);
  const delivered = await fetch(
    `http://localhost:${E2E_PORTS.checkout}/api/webhooks/stripe/${tenant.tenantId}`,
    {
      method: 'POST',
      headers: { 'stripe-signature': header, 'content-type': 'application/json' },
      body: payload,
    },
  );
  expect(delivered.status).toBe(200);
  await expect
    .poll(async () => (await tenantApi('GET', `/v1/orders/${order.id}`)).status)
    .toMatch(/^(PAID|FULFILLED)$/);
  await expect(page.getByTestId('success')).toBeVisible();
  await checkStep(page, info, 'stripe-success');
});

test('a Stripe tenant who chose Stripe’s hosted page gets “Continue to secure payment”, not the element', async ({
  page,
}) => {
  const hosted = await seedStripeTenant({ stripeFlow: 'hosted' });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${hosted.apiKey}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await res.json()) as Json;
  };
  const requested = await serveRecorder(page);
  // Stripe's hosted page cannot load here either: the spec answers it and checks it was reached
  await page.route('https://checkout.stripe.com/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Stripe Checkout</title>' }),
  );
  const order = await call('POST', '/v1/orders', {
    items: [{ priceId: hosted.priceId, quantity: 1 }],
    customer: { name: 'Ada Shopper', email: 'ada@example.com' },
    fulfillment: { method: 'pickup' },
    returnUrl: `${STORE}/thanks`,
  });
  const checkout = await call('POST', `/v1/orders/${order.id}/checkout`, { provider: 'stripe' });
  await page.goto(checkout.url);
  await expect(page.getByTestId('pay-continue')).toHaveCount(0);
  await page.getByTestId('pay-hosted').click();
  await expect(page).toHaveURL(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_/);
  const session = [...fake.state.checkoutSessions.values()].find(
    (cs) => (cs.metadata as Json).order_id === order.id,
  );
  expect(session).toMatchObject({ amount_total: order.total, currency: 'eur', mode: 'payment' });
  // no PaymentIntent was made for the element, and Stripe.js was never asked for
  expect(
    [...fake.state.paymentIntents.values()].filter(
      (pi) => (pi.metadata as Json).order_id === order.id,
    ),
  ).toHaveLength(0);
  expect(requested).toEqual([]);
});

test('a sandbox tenant’s page names none of Stripe’s origins and loads no Stripe.js', async ({
  page,
}) => {
  const requested = await serveRecorder(page);
  const { checkout } = await orderAndCheckout({ fulfillment: { method: 'pickup' } });
  const response = await page.goto(checkout.url);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain('script-src');
  for (const origin of STRIPE_ORIGINS) expect(csp).not.toContain(origin);
  expect(csp).not.toContain('stripe.com');
  await expect(page.getByTestId('pay')).toBeVisible();
  expect(requested).toEqual([]);
});
