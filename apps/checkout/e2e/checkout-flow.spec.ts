import { expect, type Page, test } from '@playwright/test';
import { apiUrl, demoSecrets } from './platform';

interface Json {
  // biome-ignore lint/suspicious/noExplicitAny: responses are inspected loosely here
  [key: string]: any;
}

async function api(method: string, path: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${demoSecrets().demoApiKey}`,
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Json;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** What a storefront does with only the OpenAPI document and a key: order, then checkout. */
async function orderAndCheckout(): Promise<{ order: Json; checkout: Json }> {
  const openapi = await (await fetch(`${apiUrl}/v1/openapi.json`)).json();
  expect(openapi.paths['/v1/orders'].post.operationId).toBe('createOrder');
  const products = await api('GET', '/v1/products');
  const price = products.data.find((p: Json) => p.prices[0]?.type === 'one_time').prices[0];
  const order = await api('POST', '/v1/orders', {
    items: [{ priceId: price.id, quantity: 2 }],
    customer: {
      name: 'Ada Shopper',
      email: 'ada@example.com',
      address: { line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
    },
    fulfillment: { method: 'shipping' },
    couponCode: 'WELCOME10',
    returnUrl: 'http://localhost:3000/thanks',
  });
  expect(order.discountTotal).toBeGreaterThan(0);
  expect(order.taxTotal).toBeGreaterThan(0);
  const checkout = await api('POST', `/v1/orders/${order.id}/checkout`, {});
  return { order, checkout };
}

async function payWithCard(page: Page, url: string, card: string) {
  await page.goto(url);
  await expect(page.getByText('Test mode')).toBeVisible();
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page).toHaveURL(/\/sandbox\/pay\//);
  await page.getByLabel('Card number').fill(card);
  await page.getByRole('button', { name: /^Pay / }).click();
}

test('a shopper pays an order with coupon and tax using the sandbox card 4242', async ({
  page,
}) => {
  const { order, checkout } = await orderAndCheckout();
  expect(checkout.url).toMatch(/\/c\/cs_/);
  await payWithCard(page, checkout.url, '4242 4242 4242 4242');
  await expect(page).toHaveURL(new RegExp(`/c/${checkout.sessionId}/success`));
  await expect(page.getByTestId('payment-state')).toHaveText('Your payment is confirmed.');
  await page.screenshot({ path: test.info().outputPath('checkout-success.png') });
  // the webhook reached the API through the checkout app: the order is paid, once
  await expect
    .poll(async () => (await api('GET', `/v1/orders/${order.id}`)).status, { timeout: 30_000 })
    .toBe('PAID');
  const confirmed = await api('POST', `/v1/orders/${order.id}/confirm`, {
    sessionId: checkout.sessionId,
  });
  expect(confirmed).toMatchObject({ status: 'PAID', amountPaid: order.total });
  // the same order starts no second checkout once paid
  const again = await fetch(`${apiUrl}/v1/orders/${order.id}/checkout`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${demoSecrets().demoApiKey}`,
      'content-type': 'application/json',
    },
    body: '{}',
  });
  expect([200, 409]).toContain(again.status);
});

test('a declined card shows why and lets the shopper try another', async ({ page }) => {
  const { order, checkout } = await orderAndCheckout();
  await payWithCard(page, checkout.url, '4000 0000 0000 0002');
  await expect(page.getByText('Your card was declined.')).toBeVisible();
  await expect
    .poll(async () => (await api('GET', `/v1/orders/${order.id}`)).status, { timeout: 30_000 })
    .toBe('FAILED');
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByTestId('payment-state')).toHaveText('Your payment is confirmed.');
  await expect
    .poll(async () => (await api('GET', `/v1/orders/${order.id}`)).status, { timeout: 30_000 })
    .toBe('PAID');
});

test('the authentication step can be completed', async ({ page }) => {
  const { checkout } = await orderAndCheckout();
  await payWithCard(page, checkout.url, '4000 0027 6000 3184');
  await page.getByRole('button', { name: 'Complete authentication' }).click();
  await expect(page.getByTestId('payment-state')).toHaveText('Your payment is confirmed.');
});

test('concurrent checkout calls for one order return the same session', async () => {
  const { order } = await orderAndCheckout();
  const results = await Promise.all(
    Array.from({ length: 5 }, () => api('POST', `/v1/orders/${order.id}/checkout`, {})),
  );
  expect(new Set(results.map((r) => r.sessionId)).size).toBe(1);
});

test('a payment link opens a hosted page that takes the payment', async ({ page }) => {
  const link = await api('POST', '/v1/payment-links', {
    amount: 4500,
    currency: 'EUR',
    description: 'Cupping workshop deposit',
  });
  expect(link.id).toMatch(/^cs_link_/);
  await page.goto(link.url);
  await expect(page.getByText('Cupping workshop deposit')).toBeVisible();
  await expect(page.getByTestId('total')).toHaveText('45.00 EUR');
  await page.getByRole('button', { name: /^Pay / }).click();
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByTestId('payment-state')).toHaveText('Your payment is confirmed.');
});
