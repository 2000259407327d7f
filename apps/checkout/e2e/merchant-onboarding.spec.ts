import { expect, test } from '@playwright/test';
import { dashboardMutation, dashboardUrl, lookAt, signUpMerchant } from './merchant';
import { apiUrl } from './platform';
import { payWithCard } from './shopper';

/*
 * A new merchant from an empty browser: sign up, find the verification mail in the outbox,
 * confirm, see the organization, connect the sandbox in one click, take a test payment, and
 * watch the onboarding checklist follow the data. Every page is looked at (axe, 1280 and 390).
 */
test('a merchant signs up, verifies from the outbox, connects the sandbox and gets a test order paid', async ({
  page,
}) => {
  // the whole journey of a new merchant: longer than one page's budget on a loaded machine
  test.setTimeout(300_000);
  // signed out: the dashboard sends a visitor to sign in
  await page.goto(`${dashboardUrl}/`);
  await expect(page).toHaveURL(/\/sign-in/);
  await lookAt(page, 'sign-in');
  // field errors in words, next to the fields
  await page.goto(`${dashboardUrl}/sign-up`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Enter your name.')).toBeVisible();
  await expect(page.getByText('Enter your email address.')).toBeVisible();
  await lookAt(page, 'sign-up');

  const { email } = await signUpMerchant(page, 'Nora');
  // test mode at once, live waits for the confirmed email
  await expect(page.getByText('Confirm your email to go live.')).toBeVisible();
  await expect(page.getByTestId('step-provider')).toContainText('Connect a payment provider');
  await lookAt(page, 'overview-new');

  // the verification mail is in the outbox, under the account
  await page.getByRole('link', { name: 'Mail outbox' }).click();
  const mail = page.getByTestId('mail').filter({ hasText: 'Confirm your email address' });
  await expect(mail).toContainText(email);
  await lookAt(page, 'outbox');
  const link = /https?:\/\/\S+verify-email\S+/.exec((await mail.textContent()) ?? '')?.[0];
  expect(link).toBeDefined();
  await page.goto(link as string);
  await expect(page.getByText('Email confirmed. You can go live now.')).toBeVisible();
  await expect(page.getByText('Confirm your email to go live.')).toHaveCount(0);

  // the organization exists and is switchable
  await expect(page.getByLabel('Organization')).toHaveValue(/^org_/);

  // the sandbox in one click
  await page.getByRole('link', { name: 'Integrations' }).click();
  await lookAt(page, 'integrations');
  await page.getByRole('link', { name: 'Connect Sandbox' }).click();
  await page.getByRole('button', { name: 'Connect the sandbox' }).click();
  await expect(page.getByTestId('toast')).toContainText('Sandbox connected');
  await expect(page.getByTestId('connection')).toContainText('whsec_…');
  await lookAt(page, 'integration-sandbox');

  // a key from the Developers page, a product and an allowed return origin for the storefront
  await page.getByRole('link', { name: 'Developers' }).click();
  await page.getByLabel('Name').fill('x'.repeat(201));
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByText('Use at most 100 characters.')).toBeVisible();
  await page.getByLabel('Name').fill('Storefront');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = (await page.getByTestId('new-key').textContent()) ?? '';
  expect(secret).toMatch(/^sk_test_/);
  await lookAt(page, 'developers');
  await dashboardMutation(page, 'catalog.create', {
    name: 'Test mug',
    price: { currency: 'EUR', unitAmount: 1250 },
  });
  await dashboardMutation(page, 'settings.updateOrganization', {
    allowedOrigins: ['http://localhost:3000'],
  });
  await page.goto(`${dashboardUrl}/`);
  await expect(page.getByTestId('step-provider')).toContainText('Done');
  await expect(page.getByTestId('step-product')).toContainText('Done');

  // a shopper pays a test order with the sandbox card
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: responses are read loosely here
    const json = (await res.json()) as any;
    expect(res.ok, `${method} ${path}: ${JSON.stringify(json)}`).toBe(true);
    return json;
  };
  const products = await api('GET', '/v1/products');
  const order = await api('POST', '/v1/orders', {
    items: [{ priceId: products.data[0].prices[0].id, quantity: 1 }],
    customer: { name: 'Ada Shopper', email: 'ada@example.com' },
    fulfillment: { method: 'pickup' },
    returnUrl: 'http://localhost:3000/thanks',
  });
  const checkout = await api('POST', `/v1/orders/${order.id}/checkout`, {});
  await page.goto(checkout.url);
  await payWithCard(page, '4242 4242 4242 4242');
  await expect
    .poll(async () => (await api('GET', `/v1/orders/${order.id}`)).status, { timeout: 30_000 })
    .toBe('PAID');
  // the last step: a payment link for the mug
  await dashboardMutation(page, 'paymentLinks.create', {
    kind: 'product',
    priceId: products.data[0].prices[0].id,
    quantity: 1,
  });
  await page.goto(`${dashboardUrl}/`);
  await expect(page.getByText(order.reference)).toBeVisible();
  // every tracked step is done: the checklist steps aside
  await expect(page.getByTestId('onboarding')).toHaveCount(0);
  // the sales figures follow the paid order: €12.50 captured, one of one checkout paid
  const sales = page.getByRole('definition');
  await expect(page.getByRole('term').filter({ hasText: 'Net volume' })).toBeVisible();
  await expect(sales.filter({ hasText: '€12.50' }).first()).toBeVisible();
  await expect(page.getByText('1 of 1 order paid')).toBeVisible();
  await expect(page.locator('figure figcaption').first()).toContainText('Highest: €12.50');
  // recharts drew the paid day's bar
  await expect(page.locator('.recharts-bar-rectangle path').first()).toBeVisible();
  await lookAt(page, 'overview-paid');
  await page.getByRole('link', { name: '7 days' }).click();
  await expect(page).toHaveURL(/\?range=7d/);
  await expect(page.getByRole('link', { name: '7 days' })).toHaveAttribute('aria-current', 'page');

  // signing out ends the session
  await page.locator('header summary').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto(`${dashboardUrl}/integrations`);
  await expect(page).toHaveURL(/\/sign-in/);
});
