import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { type MollieFake, mollieTestKey, startMollieFake } from '@prood/mollie-fake';
import { apiUrl, demoSecrets, E2E_PORTS } from './platform';

/*
 * The proof that a provider is one folder: a merchant connects Mollie test keys in the
 * dashboard (a form built from the registry's credential fields) and a shopper pays an order
 * through Mollie's hosted page, against the Mollie fake, end to end: the real SDK in the
 * checkout app and the API, the fake's webhook to the checkout app, fetch-back at both.
 */

const dashboard = `http://localhost:${E2E_PORTS.dashboard}`;
let fake: MollieFake;

// the fake serves TLS with a self-signed certificate for 127.0.0.1
test.use({ ignoreHTTPSErrors: true });

test.beforeAll(async () => {
  fake = await startMollieFake({ port: E2E_PORTS.mollie });
});
test.afterAll(async () => {
  await fake?.close();
});

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${demoSecrets().demoApiKey}`,
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: responses are inspected loosely here
  const json = (await res.json()) as any;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

test('a merchant connects Mollie test keys in the dashboard and a shopper pays through Mollie', async ({
  page,
}) => {
  await page.goto(`${dashboard}/sign-in`);
  await page.getByLabel('Email').fill('demo@prood.dev');
  await page.getByLabel('Password').fill(demoSecrets().demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Demo Coffee Roasters' })).toBeVisible();
  await page.goto(`${dashboard}/settings`);

  // a wrong key is refused by Mollie's credential schema, naming the field, echoing nothing
  const form = page.getByTestId('connect-mollie');
  await form.getByLabel('API key').fill('sk_test_not_a_mollie_key');
  await form.getByRole('button', { name: 'Save Mollie' }).click();
  await expect(page.getByRole('alert').first()).toContainText(/apiKey/);
  await expect(page.getByText('sk_test_not_a_mollie_key')).toHaveCount(0);

  const key = mollieTestKey();
  await page.getByTestId('connect-mollie').getByLabel('API key').fill(key);
  await page.getByTestId('connect-mollie').getByRole('button', { name: 'Save Mollie' }).click();
  await expect(page.getByText('mollie connected (test mode).')).toBeVisible();
  // shown masked only
  await expect(page.getByText(`test_…${key.slice(-4)}`)).toBeVisible();
  await expect(page.getByText(key)).toHaveCount(0);
  // the registry-built forms: no accessibility violations, at desktop and phone width
  for (const [name, size] of [
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(size);
    await page.screenshot({ path: test.info().outputPath(`settings-${name}.png`), fullPage: true });
    const axe = await new AxeBuilder({ page }).include('[data-testid^="connect-"]').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  // the storefront orders and starts a Mollie checkout
  const products = await api('GET', '/v1/products');
  // biome-ignore lint/suspicious/noExplicitAny: loosely read
  const price = products.data.find((p: any) => p.prices[0]?.type === 'one_time').prices[0];
  const order = await api('POST', '/v1/orders', {
    items: [{ priceId: price.id, quantity: 1 }],
    customer: { name: 'Ada Shopper', email: 'ada@example.com' },
    fulfillment: { method: 'pickup' },
    returnUrl: 'http://localhost:3000/thanks',
  });
  const checkout = await api('POST', `/v1/orders/${order.id}/checkout`, { provider: 'mollie' });

  // the shopper: our page, then Mollie's hosted page, where test mode lets them pick "paid"
  await page.goto(checkout.url);
  await page.getByRole('button', { name: 'Continue to secure payment' }).click();
  await expect(page).toHaveURL(new RegExp(`^${fake.url}/checkout/select-method/tr_`));
  await expect(page.getByText('Test mode')).toBeVisible();
  await page.getByLabel('paid').check();
  await page.getByRole('button', { name: 'Continue' }).click();

  // back on the one checkout page, which shows success once the API says the order is paid
  await expect(page).toHaveURL(new RegExp(`/c/${checkout.sessionId}(?:[/?#]|$)`));
  await expect
    .poll(async () => (await api('GET', `/v1/orders/${order.id}`)).status, { timeout: 30_000 })
    .toBe('PAID');
  await page.reload();
  await expect(page.getByTestId('success')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('mollie-success.png') });
  // Mollie's webhook reached the checkout app and was acknowledged
  const [payment] = [...fake.state.payments.values()];
  expect(payment?.payment).toMatchObject({
    status: 'paid',
    amount: { currency: order.currency, value: (order.total / 100).toFixed(2) },
  });
  expect(fake.state.webhookCalls.at(-1)).toMatchObject({
    url: expect.stringContaining(`/api/webhooks/mollie/`),
    status: 200,
  });

  // the merchant turns Mollie off again: the demo shop's other specs pay with the sandbox
  await page.goto(`${dashboard}/settings`);
  await page.getByRole('button', { name: 'Disable mollie' }).click();
  await expect(page.getByText('mollie disabled.')).toBeVisible();
});
