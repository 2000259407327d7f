import { expect, test } from '@playwright/test';
import { type MollieFake, mollieTestKey, startMollieFake } from '@prood/mollie-fake';
import { dashboardMutation, dashboardUrl, lookAt, signUpMerchant } from './merchant';
import { apiUrl, E2E_PORTS } from './platform';

/*
 * The proof that a provider is one folder: a merchant connects Mollie test keys in the
 * dashboard (a form built from the registry's credential fields) and a shopper pays an order
 * through Mollie's hosted page, against the Mollie fake, end to end: the real SDK in the
 * checkout app and the API, the fake's webhook to the checkout app, fetch-back at both.
 */

let fake: MollieFake;

// the fake serves TLS with a self-signed certificate for 127.0.0.1
test.use({ ignoreHTTPSErrors: true });

test.beforeAll(async () => {
  fake = await startMollieFake({ port: E2E_PORTS.mollie });
});
test.afterAll(async () => {
  await fake?.close();
});

test('a merchant connects Mollie test keys in the dashboard and a shopper pays through Mollie', async ({
  page,
}) => {
  // a merchant of its own: nothing here leans on the demo tenant or another spec
  await signUpMerchant(page, 'Milan');
  await page.goto(`${dashboardUrl}/integrations`);
  await page.getByRole('link', { name: 'Connect Mollie' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mollie' })).toBeVisible();

  // a wrong key is refused by Mollie's credential schema, next to the field, echoing nothing
  const form = page.getByTestId('connect-mollie');
  await form.getByLabel('API key').fill('sk_test_not_a_mollie_key');
  await form.getByRole('button', { name: 'Save Mollie' }).click();
  const apiKeyField = form.getByLabel('API key');
  await expect(apiKeyField).toHaveAttribute('aria-invalid', 'true');
  const described = (await apiKeyField.getAttribute('aria-describedby')) ?? '';
  await expect(page.locator(`[id="${described.split(' ').at(-1)}"]`)).not.toBeEmpty();
  await expect(page.getByText('sk_test_not_a_mollie_key')).toHaveCount(0);
  await expect(page.getByText(/[{[]"/)).toHaveCount(0);

  // live keys ask first, and wait for a confirmed email
  await form.getByText('Live keys', { exact: true }).click();
  await page.getByRole('button', { name: 'Use live keys' }).click();
  await expect(page.getByText('Confirm your email to go live').first()).toBeVisible();
  await form.getByText('Test keys', { exact: true }).click();

  const key = mollieTestKey();
  await form.getByLabel('API key').fill(key);
  await form.getByRole('button', { name: 'Save Mollie' }).click();
  await expect(page.getByTestId('toast').first()).toContainText('Connected in test mode');
  // shown masked only
  await expect(page.getByTestId('connection')).toContainText(`test_…${key.slice(-4)}`);
  await expect(page.getByText(key)).toHaveCount(0);
  await lookAt(page, 'integration-mollie');

  // the storefront's key, product and return origin
  await page.goto(`${dashboardUrl}/settings`);
  await page.getByLabel('Name').fill('Storefront');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = (await page.getByTestId('new-key').textContent()) ?? '';
  expect(secret).toMatch(/^sk_test_/);
  await dashboardMutation(page, 'catalog.create', {
    name: 'Stroopwafels',
    price: { currency: 'EUR', unitAmount: 890 },
  });
  await dashboardMutation(page, 'settings.updateOrganization', {
    allowedOrigins: ['http://localhost:3000'],
  });
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: responses are inspected loosely here
    const json = (await res.json()) as any;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

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

  // the merchant disables Mollie, after a confirmation
  await page.goto(`${dashboardUrl}/integrations/mollie`);
  await page.getByRole('button', { name: 'Disable' }).click();
  await page.getByRole('button', { name: 'Disable Mollie' }).click();
  await expect(page.getByTestId('toast').first()).toContainText('Integration disabled.');
  await expect(page.getByTestId('connection')).toContainText('Disabled');
});
