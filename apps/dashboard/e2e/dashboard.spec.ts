import { expect, test } from '@playwright/test';
import { apiUrl, demoSecrets, E2E_PORTS } from '../../checkout/e2e/platform';

const dashboard = `http://localhost:${E2E_PORTS.dashboard}`;

test('the demo merchant signs in, creates an API key that works once shown, and sees bad Stripe keys refused', async ({
  page,
}) => {
  await page.goto(`${dashboard}/`);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Email').fill('demo@prood.dev');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Email or password is wrong.')).toBeVisible();
  await page.getByLabel('Password').fill(demoSecrets().demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Demo Coffee Roasters' })).toBeVisible();

  await page.getByRole('link', { name: 'Integrations' }).click();
  await expect(page.getByRole('link', { name: 'Manage Sandbox' })).toBeVisible();
  await page.getByRole('link', { name: 'Developers' }).click();
  await page.getByLabel('Name').fill('e2e storefront');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = (await page.getByTestId('new-key').textContent()) ?? '';
  expect(secret).toMatch(/^sk_test_/);
  expect(page.url()).not.toContain(secret);
  const res = await fetch(`${apiUrl}/v1/products`, {
    headers: { authorization: `Bearer ${secret}` },
  });
  expect(res.status).toBe(200);

  // the connect form is built from the registry's credential fields
  await page.goto(`${dashboard}/integrations/stripe`);
  const stripe = page.getByTestId('connect-stripe');
  await stripe.getByLabel('Secret key').fill('sk_live_not_really_a_key');
  await stripe.getByLabel('Publishable key').fill('pk_test_abc');
  await stripe.getByLabel('Webhook signing secret').fill('whsec_abc');
  await stripe.getByRole('button', { name: 'Save Stripe' }).click();
  await expect(stripe.getByLabel('Publishable key')).toHaveAttribute('aria-invalid', 'true');
  await expect(stripe.getByText('Must be a Stripe publishable key (pk_test_…).')).toBeVisible();
  await expect(page.getByText('sk_live_not_really_a_key')).toHaveCount(0);
});
