import { expect, test } from '@playwright/test';
import { formatMoney } from '@prood/ui/format';
import { apiUrl, demoSecrets } from './platform';
import {
  api,
  checkStep,
  dashboardUrl,
  orderAndCheckout,
  payWithCard,
  priceId,
  STORE,
  waitForPaid,
} from './shopper';

test.use({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });

test('coupon and shipping option chosen on the page, 4242: the API total is the page total, PAID, mail sent', async ({
  page,
  browser,
}, info) => {
  const { order, checkout } = await orderAndCheckout();
  const response = await page.goto(checkout.url);
  expect(response?.headers()['cache-control']).toContain('no-store');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByText('Test mode')).toBeVisible();
  await expect(page.getByTestId('summary-line')).toContainText('Qty 2 · €12.90 each');
  await expect(page.getByTestId('summary-tax')).toHaveText('€4.90');
  await expect(page.getByText('VAT Germany 19%')).toBeVisible();
  await checkStep(page, info, '01-open');

  await page.getByRole('textbox', { name: 'Discount code' }).fill('NOPE');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('This discount code does not exist.')).toBeVisible();
  await checkStep(page, info, '02-coupon-error');

  await page.getByRole('textbox', { name: 'Discount code' }).fill('WELCOME10');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('summary-discount')).toHaveText('−€2.58');
  await expect(page.getByText('Discount (WELCOME10)')).toBeVisible();

  await page.getByRole('radio', { name: /Express/ }).check();
  await page.getByRole('button', { name: 'Use this shipping method' }).click();
  await expect(page.getByTestId('summary-shipping')).toHaveText('€12.90');
  await checkStep(page, info, '03-coupon-and-shipping');

  const pageTotal = (await page.getByTestId('total').textContent()) ?? '';
  const repriced = await api('GET', `/v1/orders/${order.id}`);
  expect(repriced).toMatchObject({
    discountTotal: 258,
    shippingTotal: 1290,
    couponCode: 'WELCOME10',
  });
  expect(formatMoney(repriced.total, 'EUR', 'en-US')).toBe(pageTotal);
  await expect(page.getByTestId('pay')).toHaveText(`Pay ${pageTotal}`);

  await payWithCard(page, '4242 4242 4242 4242');
  await expect(page.getByTestId('success')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('order-reference')).toHaveText(order.reference);
  await expect(page.getByText('A receipt was sent to ada@example.com.')).toBeVisible();
  await expect(page.getByTestId('payment-state')).toContainText(pageTotal);
  await checkStep(page, info, '04-success');
  expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);

  const paid = await api('GET', `/v1/orders/${order.id}`);
  expect(paid).toMatchObject({ status: 'PAID', amountPaid: repriced.total, total: repriced.total });

  // the confirmation mail is in the dev outbox
  const merchant = await (await browser.newContext()).newPage();
  await merchant.goto(`${dashboardUrl}/sign-in`);
  await merchant.getByLabel('Email').fill('demo@prood.dev');
  await merchant.getByLabel('Password').fill(demoSecrets().demoPassword);
  await merchant.getByRole('button', { name: 'Sign in' }).click();
  await expect(merchant.getByRole('heading', { name: 'Demo Coffee Roasters' })).toBeVisible();
  await expect
    .poll(
      async () => {
        await merchant.goto(`${dashboardUrl}/outbox`);
        return merchant.getByText('ada@example.com').count();
      },
      { timeout: 60_000 },
    )
    .toBeGreaterThan(0);
  await merchant.close();
});

test('0002 is declined inline, then 4242 pays on the same page', async ({ page }, info) => {
  const { order, checkout } = await orderAndCheckout({ fulfillment: { method: 'digital' } });
  await page.goto(checkout.url);
  await payWithCard(page, '4000 0000 0000 0002');
  await expect(page.getByTestId('payment-error')).toHaveText(
    'Your card was declined. Try another card.',
  );
  await checkStep(page, info, 'declined');
  expect(page.url()).not.toContain('declined.');
  await payWithCard(page, '4242 4242 4242 4242');
  await expect(page.getByTestId('success')).toBeVisible({ timeout: 60_000 });
  await waitForPaid(order.id);
});

test('9995 says the funds are insufficient', async ({ page }, info) => {
  const { checkout } = await orderAndCheckout({ fulfillment: { method: 'digital' } });
  await page.goto(checkout.url);
  await payWithCard(page, '4000 0000 0000 9995');
  await expect(page.getByTestId('payment-error')).toContainText('insufficient funds');
  await checkStep(page, info, 'insufficient-funds');
});

test('3184 asks for authentication inline: approve pays', async ({ page }, info) => {
  const { order, checkout } = await orderAndCheckout({ fulfillment: { method: 'digital' } });
  await page.goto(checkout.url);
  await payWithCard(page, '4000 0027 6000 3184');
  await expect(page.getByRole('heading', { name: 'Confirm your payment' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`/c/${checkout.sessionId}`);
  await checkStep(page, info, 'authenticate');
  await page.getByRole('button', { name: 'Complete authentication' }).click();
  await expect(page.getByTestId('success')).toBeVisible({ timeout: 60_000 });
  await waitForPaid(order.id);
});

test('3184 failed authentication comes back to the card form with the reason', async ({ page }) => {
  const { checkout } = await orderAndCheckout({ fulfillment: { method: 'digital' } });
  await page.goto(checkout.url);
  await payWithCard(page, '4000 0027 6000 3184');
  await page.getByRole('button', { name: 'Fail authentication' }).click();
  await expect(page.getByTestId('payment-error')).toHaveText(
    'The authentication failed. Try again or use another card.',
  );
  await expect(page.getByLabel('Card number')).toBeVisible();
});

test('0077 shows processing and turns into success by itself, without a meta refresh', async ({
  page,
}, info) => {
  const { order, checkout } = await orderAndCheckout({ fulfillment: { method: 'digital' } });
  await page.goto(checkout.url);
  await payWithCard(page, '4000 0000 0000 0077');
  await expect(page.getByTestId('processing')).toBeVisible();
  expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0);
  await checkStep(page, info, 'processing');
  const url = page.url();
  await expect(page.getByTestId('success')).toBeVisible({ timeout: 60_000 });
  expect(page.url()).toBe(url);
  await waitForPaid(order.id);
});

test('cancel goes back to the store’s cancel URL', async ({ page }) => {
  const { checkout } = await orderAndCheckout();
  await page.goto(checkout.url);
  await expect(page.getByTestId('cancel')).toHaveAttribute('href', `${STORE}/cart`);
  // the provider's cancel return lands on the same place
  const res = await page.request.get(`/c/${checkout.sessionId}/cancel`, { maxRedirects: 0 });
  expect(res.headers().location).toBe(`${STORE}/cart`);
});

test('a cancel URL off the tenant’s allowed origins is refused', async () => {
  const res = await fetch(`${apiUrl}/v1/orders`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${demoSecrets().demoApiKey}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      items: [{ priceId: await priceId(/Ethiopia/), quantity: 1 }],
      customer: { name: 'Eve', email: 'eve@example.com' },
      fulfillment: { method: 'digital' },
      cancelUrl: 'https://evil.example/phish',
    }),
  });
  expect(res.status).toBe(422);
  expect((await res.json()).error.code).toBe('invalid_redirect_url');
});

test('an expired session shows the merchant and "start again" opens a new one that pays', async ({
  page,
}, info) => {
  test.setTimeout(180_000);
  const order = await api('POST', '/v1/orders', {
    items: [{ priceId: await priceId(/Ethiopia/), quantity: 1 }],
    customer: { name: 'Ada', email: 'ada@example.com' },
    fulfillment: { method: 'digital' },
  });
  // a session that expires in a minute; the store forgets it then, the order does not
  const session = await api('POST', `/v1/orders/${order.id}/checkout`, { expiresIn: 60 });
  await page.waitForTimeout(61_000);
  await page.goto(session.url);
  await expect(page.getByTestId('expired')).toBeVisible();
  await expect(page.getByText('Demo Coffee Roasters').first()).toBeVisible();
  await checkStep(page, info, 'expired');
  // The expiry sweep (every minute) cancels an order whose session expired unpaid (design.md,
  // States); until it has, "start again" opens a new session for the same order.
  const startAgain = page.getByRole('button', { name: 'Start again' });
  if ((await startAgain.count()) === 0) {
    await expect(page.getByText('Return to the shop to order again.')).toBeVisible();
    expect((await api('GET', `/v1/orders/${order.id}`)).status).toBe('CANCELED');
    return;
  }
  await startAgain.click();
  await expect(page.getByTestId('expired'))
    .toHaveCount(0, { timeout: 30_000 })
    .catch(() => {});
  if (page.url().includes(session.sessionId)) {
    // the sweep canceled the order between page load and click: said so, nothing opened
    await expect(page.getByText('This order can no longer be changed.')).toBeVisible();
    expect((await api('GET', `/v1/orders/${order.id}`)).status).toBe('CANCELED');
    return;
  }
  await payWithCard(page, '4242 4242 4242 4242');
  await expect(page.getByTestId('success')).toBeVisible({ timeout: 60_000 });
  await waitForPaid(order.id);
});

test('a payment link is bought, then says it has been paid to the next visitor', async ({
  page,
  browser,
}, info) => {
  const link = await api('POST', '/v1/payment-links', {
    amount: 4500,
    currency: 'EUR',
    description: 'Cupping workshop deposit',
  });
  await page.goto(link.url);
  await expect(page.getByText('Cupping workshop deposit')).toBeVisible();
  await expect(page.getByTestId('total')).toHaveText('€45.00');
  await checkStep(page, info, 'link-open');
  await payWithCard(page, '4242 4242 4242 4242');
  await expect(page.getByTestId('success')).toBeVisible({ timeout: 60_000 });
  const next = await (await browser.newContext()).newPage();
  await next.goto(link.url);
  await expect(next.getByTestId('link-paid')).toBeVisible({ timeout: 60_000 });
  await expect(next.getByText('Thank you')).toHaveCount(0);
  await checkStep(next, info, 'link-paid');
  await next.close();
});

test('pickup skips the address and shows the pickup point', async ({ page }, info) => {
  const { order, checkout } = await orderAndCheckout({
    fulfillment: {
      method: 'pickup',
      appointmentAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
    customer: { name: 'Ada', email: 'ada@example.com', country: 'DE' },
  });
  await page.goto(checkout.url);
  await expect(page.getByRole('heading', { name: 'Pickup' })).toBeVisible();
  await expect(page.getByText('Your pickup appointment:')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Shipping address' })).toHaveCount(0);
  await checkStep(page, info, 'pickup');
  await payWithCard(page, '4242 4242 4242 4242');
  await expect(page.getByTestId('success')).toBeVisible({ timeout: 60_000 });
  await waitForPaid(order.id);
});

test('text in the URL is never shown; unknown message codes are ignored', async ({ page }) => {
  const { checkout } = await orderAndCheckout();
  await page.goto(`${checkout.url}?e=Card%20blocked.%20Call%20%2B1-555&s=payment&n=<b>hi</b>`);
  await expect(page.getByText('Card blocked')).toHaveCount(0);
  await expect(page.getByText('555')).toHaveCount(0);
  // Next's route announcer is a role=alert of its own; the page's alerts live in <main>
  await expect(page.locator('main').getByRole('alert')).toHaveCount(0);
});

test('an unknown session is a page a shopper understands', async ({ page }, info) => {
  const res = await page.goto('/c/cs_doesnotexist000000000000');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Checkout not found' })).toBeVisible();
  await checkStep(page, info, 'not-found');
});

test('concurrent checkout calls for one order return the same session', async () => {
  const { order } = await orderAndCheckout();
  const results = await Promise.all(
    Array.from({ length: 5 }, () => api('POST', `/v1/orders/${order.id}/checkout`, {})),
  );
  expect(new Set(results.map((r) => r.sessionId)).size).toBe(1);
});
