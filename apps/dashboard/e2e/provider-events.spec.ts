import { expect, test } from '@playwright/test';
import {
  dashboardUrl,
  lookAt,
  openSandboxStore,
  signUpMerchant,
} from '../../checkout/e2e/merchant';
import { deliverSandboxWebhook, storedSandboxWebhook } from '../../checkout/e2e/sandbox-webhooks';
import { payWithCard } from '../../checkout/e2e/shopper';

/*
 * A merchant pays an order through the sandbox and finds the provider's webhook in Developers →
 * Provider events: applied, to that order. The same delivery sent again shows as a duplicate,
 * a forged one as rejected (its body never kept); the filters find each; the detail shows the
 * payload escaped and the effect. Another tenant's event is the not-found page. Both pages are
 * looked at (axe, 1280 and 390 px), and so is the overview with a custom range.
 */
test('a merchant reads the provider event log: applied, duplicate and rejected deliveries', async ({
  page,
  browser,
}) => {
  // two merchants, a payment and four pages looked at: longer than the default on a busy machine
  test.setTimeout(360_000);
  await signUpMerchant(page, 'Pia');
  await page.getByRole('link', { name: 'Provider events' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Provider events' })).toBeVisible();
  await expect(page.getByText('No provider events yet')).toBeVisible();
  await lookAt(page, 'provider-events-empty');

  const api = await openSandboxStore(page, {
    name: 'Linen apron',
    price: { currency: 'EUR', unitAmount: 3900 },
  });
  const products = await api('GET', '/v1/products');
  const order = await api('POST', '/v1/orders', {
    items: [{ priceId: products.data[0].prices[0].id, quantity: 1 }],
    customer: { name: 'Ada Shopper', email: 'ada.events@example.com' },
    fulfillment: { method: 'digital' },
    returnUrl: 'http://localhost:3000/thanks',
  });
  const checkout = await api('POST', `/v1/orders/${order.id}/checkout`, {});
  await page.goto(checkout.url);
  await payWithCard(page, '4242 4242 4242 4242');
  await expect
    .poll(async () => (await api('GET', `/v1/orders/${order.id}`)).status, { timeout: 30_000 })
    .toMatch(/^(PAID|FULFILLED)$/);

  // the provider's webhook, applied to that order
  await page.goto(`${dashboardUrl}/developers/events`);
  const log = page.getByRole('list', { name: 'Provider events' });
  const applied = log.getByRole('listitem').filter({ hasText: 'payment.succeeded' });
  await expect(applied).toHaveCount(1);
  await expect(applied.getByText('Applied')).toBeVisible();
  await expect(applied.getByText('Order paid')).toBeVisible();
  await expect(applied.getByRole('link', { name: order.id })).toBeVisible();

  // the same delivery again (a provider retry), and a forged one
  const stored = await storedSandboxWebhook(order.id);
  const tenant = stored.tenantId;
  const again = await deliverSandboxWebhook(tenant, {
    id: stored.eventId,
    payload: stored.payload,
    secret: stored.secret,
  });
  expect(again.status).toBe(200);
  const forged = await deliverSandboxWebhook(tenant, {
    id: 'evt_sbx_forged',
    payload: stored.payload.replace(order.id, 'ord_forgedforgedforged1'),
    secret: 'whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  });
  expect(forged.status).toBe(400);

  await page.reload();
  await expect(applied.getByText('Duplicate ×1')).toBeVisible();
  const rejected = log.getByRole('listitem').filter({ hasText: 'Rejected' });
  await expect(rejected).toHaveCount(1);
  await expect(rejected).toContainText('Signature did not match your signing secret');
  await expect(rejected).toContainText('body not kept');
  await expect(log).not.toContainText('ord_forgedforgedforged1');
  await lookAt(page, 'provider-events');

  // filters: by result, then by type
  await page.getByLabel('Result').selectOption('rejected');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/result=rejected/);
  await expect(log.getByRole('listitem')).toHaveCount(1);
  await expect(log).toContainText('Rejected');
  await page.getByLabel('Result').selectOption('duplicate');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(log.getByRole('listitem')).toHaveCount(1);
  await expect(log).toContainText('payment.succeeded');
  await page.getByLabel('Result').selectOption('failed');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('No events match these filters')).toBeVisible();
  await page.getByRole('link', { name: 'Clear' }).click();
  await expect(page).toHaveURL(/\/developers\/events$/);
  await expect(page.getByLabel('Result')).toHaveValue('');
  await page.getByLabel('Provider event type').selectOption('payment.succeeded');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(log.getByRole('listitem')).toHaveCount(1);

  // the detail: the payload as text (escaped), the effect and the deliveries
  await log.getByRole('link', { name: 'payment.succeeded' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'payment.succeeded' })).toBeVisible();
  await expect(page.getByText(stored.eventId).first()).toBeVisible();
  const payload = page.getByRole('figure', { name: 'Payload' });
  await expect(payload).toContainText(`"${order.id}"`);
  await expect(page.getByRole('list', { name: 'Effects' })).toContainText('Order paid');
  await expect(page.getByText('2 (the repeats changed nothing)')).toBeVisible();
  const detailUrl = page.url();
  await lookAt(page, 'provider-event');

  // malformed ids and cursors, and another tenant's event: the not-found page
  for (const path of [
    '/developers/events/evt_AAAAAAAAAAAAAAAAAAAAAA',
    '/developers/events/not-an-id',
    '/developers/events?after=nonsense',
    '/developers/events?result=lost',
  ]) {
    const res = await page.goto(`${dashboardUrl}${path}`);
    expect(res?.status(), path).toBe(404);
  }
  const other = await browser.newPage();
  await signUpMerchant(other, 'Quinn');
  const res = await other.goto(detailUrl);
  expect(res?.status()).toBe(404);
  await expect(other.getByRole('heading', { name: 'This page could not be found' })).toBeVisible();
  await other.goto(`${dashboardUrl}/developers/events`);
  await expect(other.getByText('No provider events yet')).toBeVisible();
  await other.close();

  // the overview over a custom range, and a range the form refuses in words
  const today = new Date().toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10);
  await page.goto(`${dashboardUrl}/?range=custom&from=${monthAgo}&to=${today}`);
  await expect(page.getByText('41 days (UTC)')).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Paid orders and refunds per day' }),
  ).toBeVisible();
  await expect(page.getByText('Checkout sessions opened in this period')).toBeVisible();
  await lookAt(page, 'overview-custom-range');
  await page.goto(`${dashboardUrl}/?range=custom&from=${today}&to=${monthAgo}`);
  await expect(page.getByText('The end must be on or after the start.')).toBeVisible();
});
