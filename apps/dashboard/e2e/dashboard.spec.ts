import { expect, test } from '@playwright/test';
import { lookAt, signUpMerchant } from '../../checkout/e2e/merchant';
import { apiUrl, demoSecrets, E2E_PORTS } from '../../checkout/e2e/platform';
import { startE2eStripeFake } from '../../checkout/e2e/stripe-fake';

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
  // the signing secret waits behind "set it up yourself": the endpoint is registered otherwise
  await stripe.getByText('Set up the webhook endpoint yourself instead').click();
  await stripe.getByLabel('Webhook signing secret').fill('whsec_abc');
  await stripe.getByRole('button', { name: 'Save Stripe' }).click();
  await expect(stripe.getByLabel('Publishable key')).toHaveAttribute('aria-invalid', 'true');
  await expect(stripe.getByText('Must be a Stripe publishable key (pk_test_…).')).toBeVisible();
  await expect(page.getByText('sk_live_not_really_a_key')).toHaveCount(0);
});

test('a new merchant connects Stripe: a refused key falls back to the URL and secret, a good one registers the endpoint, removal deletes it', async ({
  page,
}) => {
  const fake = await startE2eStripeFake();
  try {
    await signUpMerchant(page, 'Hooked');
    await page.goto(`${dashboard}/integrations/stripe`);
    const stripe = page.getByTestId('connect-stripe');
    await expect(
      stripe.getByText('registers the webhook endpoint in your Stripe account'),
    ).toBeVisible();
    await expect(stripe.getByLabel('Webhook signing secret')).toBeHidden();
    const hex = () => Math.random().toString(16).slice(2, 14).padEnd(12, '0');

    // a restricted key without the webhook permission: Stripe's words, the URL and the field
    await stripe.getByLabel('Secret key').fill(`rk_test_${hex()}${hex()}`);
    await stripe.getByLabel('Publishable key').fill(`pk_test_${hex()}${hex()}`);
    await stripe.getByRole('button', { name: 'Save Stripe' }).click();
    const refused = stripe.getByTestId('webhook-endpoint-refused');
    await expect(refused).toContainText('Stripe did not let us register the webhook endpoint');
    await expect(refused).toContainText("'rak_webhook_read' permission");
    await expect(refused).toContainText(`/api/webhooks/stripe/org_`);
    await expect(stripe.getByLabel('Webhook signing secret')).toBeVisible();
    expect(fake.state.webhookEndpoints.size).toBe(0);
    await lookAt(page, 'integrations-stripe-refused');

    // a full secret key: the endpoint is registered at this tenant's receiver
    await stripe.getByLabel('Secret key').fill(`sk_test_${hex()}${hex()}`);
    await stripe.getByRole('button', { name: 'Save Stripe' }).click();
    await expect(
      page.getByText(/Connected in test mode\. Webhook endpoint we_\w+ registered\./).first(),
    ).toBeVisible();
    const [endpoint, ...others] = [...fake.state.webhookEndpoints.values()];
    expect(others).toEqual([]);
    expect(String(endpoint?.url)).toMatch(
      new RegExp(`^http://localhost:${E2E_PORTS.checkout}/api/webhooks/stripe/org_`),
    );
    const connection = page.getByTestId('connection');
    await expect(connection.getByTestId('webhook-endpoint')).toContainText(
      `Registered in your Stripe account: ${String(endpoint?.id)}`,
    );
    await expect(page.getByText(String(endpoint?.secret))).toHaveCount(0);
    await lookAt(page, 'integrations-stripe-registered');

    // removal deletes the endpoint we registered, and says so
    await connection.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('button', { name: 'Remove Stripe' }).click();
    await expect(
      page
        .getByText(`Integration removed, and its webhook endpoint ${String(endpoint?.id)} deleted.`)
        .first(),
    ).toBeVisible();
    expect(fake.state.webhookEndpoints.size).toBe(0);
  } finally {
    await fake.close();
  }
});
