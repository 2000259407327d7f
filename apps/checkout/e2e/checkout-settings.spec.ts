import { expect, test } from '@playwright/test';
import { dashboardMutation, dashboardUrl, lookAt, signUpMerchant } from './merchant';
import { apiUrl } from './platform';

/*
 * A merchant brands the checkout page and adds a shipping option in the dashboard; a shopper's
 * next checkout wears the name and offers the option. Field errors are words next to fields.
 */
test('a merchant sets the checkout name, accent and a shipping option, and the shopper sees them', async ({
  page,
}) => {
  await signUpMerchant(page, 'Rosa');
  await page.getByRole('link', { name: 'Checkout' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();
  await expect(page.getByText('No shipping options yet')).toBeVisible();
  await lookAt(page, 'checkout-settings-empty');

  // a yellow accent would leave the white button label unreadable: refused, next to the field
  await page.getByLabel('Name shown to shoppers').fill('Rosa Roastery');
  await page.getByLabel('Accent colour').fill('#ffd400');
  await page.getByLabel('Shipping countries').fill('de, nl');
  await page.getByRole('button', { name: 'Save checkout settings' }).click();
  await expect(page.getByText(/contrast of at least 4\.5:1/)).toBeVisible();
  await page.getByLabel('Accent colour').fill('#1f4fd1');
  await page.getByRole('button', { name: 'Save checkout settings' }).click();
  await expect(
    page.getByTestId('toast').filter({ hasText: 'Checkout settings saved' }),
  ).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Shipping countries')).toHaveValue('DE, NL');

  await page.getByLabel('Name', { exact: true }).fill('Express');
  await page.getByLabel('Price (EUR)').fill('four');
  await page.getByRole('button', { name: 'Add shipping option' }).click();
  await expect(page.getByText('Use an amount like 4.90.')).toBeVisible();
  await page.getByLabel('Price (EUR)').fill('6.90');
  await page.getByLabel('Days from').fill('1');
  await page.getByLabel('to', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Add shipping option' }).click();
  await expect(
    page.getByTestId('toast').filter({ hasText: 'Shipping option added' }),
  ).toBeVisible();
  await expect(page.getByText('€6.90 · 1–2 days')).toBeVisible();
  await lookAt(page, 'checkout-settings');

  // a storefront order of this merchant: the page wears the name and offers the option
  await dashboardMutation(page, 'settings.connectSandbox', undefined);
  const key = await dashboardMutation<{ secret: string }>(page, 'settings.createApiKey', {
    name: 'Storefront',
  });
  await dashboardMutation(page, 'settings.updateOrganization', {
    allowedOrigins: ['http://localhost:3000'],
  });
  const product = await dashboardMutation<{ prices: { id: string }[] }>(page, 'catalog.create', {
    name: 'House blend',
    price: { currency: 'EUR', unitAmount: 1490 },
  });
  const api = async (path: string, body: unknown) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { id: string; url: string };
    expect(res.status, JSON.stringify(json)).toBeLessThan(300);
    return json;
  };
  const order = await api('/v1/orders', {
    items: [{ priceId: product.prices[0]?.id, quantity: 1 }],
    customer: {
      name: 'Ada Shopper',
      email: 'ada@example.com',
      address: { line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
    },
    fulfillment: { method: 'shipping' },
    returnUrl: 'http://localhost:3000/thanks',
  });
  const checkout = await api(`/v1/orders/${order.id}/checkout`, {});
  await page.goto(checkout.url);
  await expect(page.getByText('Rosa Roastery').first()).toBeVisible();
  await expect(page.getByText('Express')).toBeVisible();

  // removing the option asks first
  await page.goto(`${dashboardUrl}/checkout`);
  await page.getByRole('button', { name: 'Remove' }).click();
  await page.getByRole('button', { name: 'Remove option' }).click();
  await expect(
    page.getByTestId('toast').filter({ hasText: 'Shipping option removed' }),
  ).toBeVisible();
  await expect(page.getByText('No shipping options yet')).toBeVisible();
});
