import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { expect, type Page, test } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import {
  dashboardMutation,
  dashboardUrl,
  lookAt,
  signUpMerchant,
} from '../../checkout/e2e/merchant';
import { apiUrl } from '../../checkout/e2e/platform';
import { payWithCard } from '../../checkout/e2e/shopper';

/*
 * A merchant adds a webhook endpoint in the dashboard pointing at a receiver on this machine,
 * copies the secret shown once, and a shopper pays an order through the sandbox: the receiver
 * gets a signed `order.paid` that verifies with that secret, the dashboard lists the delivery,
 * and Resend makes a second attempt.
 */

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

const RECEIVER_PORT = Number(process.env.PROOD_E2E_PORT_BASE ?? 4100) + 31;
const received: Received[] = [];
let receiver: Server;

test.beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  // no host: both ::1 and 127.0.0.1, whichever "localhost" resolves to
  await new Promise<void>((resolve) => receiver.listen(RECEIVER_PORT, resolve));
});

test.afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
});

const orderPaidRequests = () =>
  received.filter((r) => (JSON.parse(r.body) as { type: string }).type === 'order.paid');

/** A sandbox merchant with one product, and a storefront order of it paid by a shopper. */
async function payAnOrder(page: Page): Promise<string> {
  await dashboardMutation(page, 'settings.connectSandbox', undefined);
  const key = await dashboardMutation<{ secret: string }>(page, 'settings.createApiKey', {
    name: 'Storefront',
  });
  await dashboardMutation(page, 'settings.updateOrganization', {
    allowedOrigins: ['http://localhost:3000'],
  });
  const product = await dashboardMutation<{ prices: { id: string }[] }>(page, 'catalog.create', {
    name: 'Webhook blend',
    price: { currency: 'EUR', unitAmount: 1290 },
  });
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key.secret}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as { id: string; url: string; status: string };
    expect(res.status, JSON.stringify(json)).toBeLessThan(300);
    return json;
  };
  const order = await api('POST', '/v1/orders', {
    items: [{ priceId: product.prices[0]?.id, quantity: 1 }],
    customer: { name: 'Ada Shopper', email: 'ada@example.com' },
    fulfillment: { method: 'pickup' },
    returnUrl: 'http://localhost:3000/thanks',
  });
  const checkout = await api('POST', `/v1/orders/${order.id}/checkout`, {});
  await page.goto(checkout.url);
  await payWithCard(page, '4242 4242 4242 4242');
  await expect
    .poll(async () => (await api('GET', `/v1/orders/${order.id}`)).status, { timeout: 30_000 })
    .toMatch(/^(PAID|FULFILLED)$/);
  return order.id;
}

test('a merchant adds a webhook endpoint, receives a signed order.paid, sees the delivery and resends it', async ({
  page,
}) => {
  // one long journey through five pages, each looked at twice with axe, on a shared machine
  test.setTimeout(300_000);
  await signUpMerchant(page, 'Wanda');
  await page.getByRole('link', { name: 'Webhooks', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
  await expect(page.getByText('No endpoints yet')).toBeVisible();
  await lookAt(page, 'webhooks-empty');

  // refusals are words next to their fields: no event type chosen, a metadata address
  const url = page.getByLabel('Endpoint URL');
  await url.fill('http://169.254.169.254/latest/meta-data');
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(page.getByText('Choose at least one event type.')).toBeVisible();
  await page.getByRole('checkbox', { name: /^order\.paid/ }).check();
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#endpoint-url-error')).toContainText(
    '169.254.169.254 may not receive webhooks',
  );
  // an empty URL and a description past its limit (the browser's maxlength lifted, as a script
  // or an old browser could): words next to each field, never the API's validation JSON
  await url.fill('');
  const description = page.getByLabel('Description');
  await description.evaluate((input) => input.removeAttribute('maxlength'));
  await description.fill('d'.repeat(501));
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(page.locator('#endpoint-description-error')).toHaveText(
    'Use at most 500 characters.',
  );
  await url.fill('not a url');
  await description.fill('');
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(page.locator('#endpoint-url-error')).toHaveText(
    'Enter a full URL, such as https://shop.example/webhooks.',
  );
  await expect(page.getByText('"code"')).toHaveCount(0);

  const receiverUrl = `http://localhost:${RECEIVER_PORT}/webhooks/prood-with-a-rather-long-path-to-see-how-it-wraps`;
  await url.fill(receiverUrl);
  await page.getByLabel('Description').fill('Order emails');
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(page.getByText('you will not see it again')).toBeVisible();
  const secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
  expect(secret).toMatch(/^whsec_/);
  expect(page.url()).not.toContain(secret);
  const row = page.getByRole('list', { name: 'Endpoints' }).getByRole('listitem');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Enabled');
  await expect(row).toContainText('1 event type');
  await lookAt(page, 'webhooks-created');
  // shown once: a reload has no secret
  await page.reload();
  await expect(page.getByTestId('webhook-secret')).toHaveCount(0);
  await page.getByRole('link', { name: receiverUrl }).click();
  await expect(page).toHaveURL(/\/webhooks\/we_/);
  const endpointUrl = page.url();

  // a shopper pays: the receiver gets exactly one order.paid, signed with the secret
  const orderId = await payAnOrder(page);
  await expect.poll(() => orderPaidRequests().length, { timeout: 30_000 }).toBe(1);
  const first = orderPaidRequests()[0] as Received;
  const verified = new Webhook(secret).verify(
    first.body,
    first.headers as Record<string, string>,
  ) as { type: string; data: { object: { id: string } } };
  expect(verified.type).toBe('order.paid');
  expect(verified.data.object.id).toBe(orderId);
  expect(() =>
    new Webhook(secret).verify(`${first.body} `, first.headers as Record<string, string>),
  ).toThrow();

  // the endpoint lists it as succeeded; a failed-only filter shows none
  await page.goto(endpointUrl);
  const deliveries = page.getByRole('list', { name: 'Deliveries' }).getByRole('link');
  await expect(deliveries).toHaveCount(1);
  await expect(deliveries.first()).toContainText('order.paid');
  await expect(async () => {
    await page.reload();
    await expect(deliveries.first()).toContainText('Succeeded', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(deliveries.first()).toContainText('HTTP 200');
  await lookAt(page, 'webhook-endpoint');
  await page.getByLabel('Status', { exact: true }).selectOption('failed');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByText('No deliveries match')).toBeVisible();
  await page.getByLabel('Status', { exact: true }).selectOption('succeeded');
  await page.getByLabel('Event type', { exact: true }).selectOption('order.paid');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(deliveries).toHaveCount(1);

  // the delivery: one attempt with its answer, the payload; Resend adds a second attempt
  await deliveries.first().click();
  await expect(page).toHaveURL(/\/webhooks\/deliveries\/whd_/);
  const deliveryId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
  const attempts = page.getByTestId('attempts').getByRole('listitem');
  await expect(attempts).toHaveCount(1);
  await expect(attempts.first()).toContainText('HTTP 200');
  await expect(page.getByText(orderId).first()).toBeVisible();
  await lookAt(page, 'webhook-delivery');
  await page.getByRole('button', { name: 'Resend', exact: true }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Delivery queued' })).toBeVisible();
  await expect(attempts).toHaveCount(2, { timeout: 20_000 });
  await expect(page.getByText('Attempt 2')).toBeVisible();
  expect(orderPaidRequests()).toHaveLength(2);
  // a resend is the same message: the same webhook-id, so a receiver can deduplicate
  expect(orderPaidRequests()[1]?.headers['webhook-id']).toBe(first.headers['webhook-id']);

  // the event log lists the event; opening it shows the payload and where it went
  await page.getByRole('link', { name: 'Events', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Events' })).toBeVisible();
  await page.getByLabel('Event type', { exact: true }).selectOption('order.paid');
  await page.getByRole('button', { name: 'Filter' }).click();
  const events = page.getByRole('list', { name: 'Events' }).getByRole('link');
  await expect(events).toHaveCount(1);
  await lookAt(page, 'events');
  await events.first().click();
  await expect(page).toHaveURL(/\/events\/evt_/);
  await expect(page.getByText(`"id": "${orderId}"`)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Deliveries' })).toContainText(receiverUrl);
  await lookAt(page, 'event');

  // keyset pages: the page after the only delivery is empty and leads back to the first
  await page.goto(`${endpointUrl}?after=${deliveryId}`);
  await expect(page.getByText('No more deliveries')).toBeVisible();
  await page.getByRole('link', { name: '← Previous' }).click();
  await expect(page).toHaveURL(endpointUrl);
  await expect(deliveries).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Next →' })).toHaveCount(0);

  // an id that names nothing, a malformed id or cursor: the not-found page
  for (const path of [
    '/webhooks/we_AAAAAAAAAAAAAAAAAAAAAA',
    '/webhooks/not-an-id',
    '/webhooks/deliveries/whd_AAAAAAAAAAAAAAAAAAAAAA',
    '/events/evt_AAAAAAAAAAAAAAAAAAAAAA',
    `${new URL(endpointUrl).pathname}?after=nonsense`,
    `${new URL(endpointUrl).pathname}?after=whd_AAAAAAAAAAAAAAAAAAAAAA`,
    `${new URL(endpointUrl).pathname}?status=lost`,
    '/events?type=order.nonsense',
  ]) {
    const res = await page.goto(`${dashboardUrl}${path}`);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'This page could not be found' })).toBeVisible();
  }

  // rotate: a new secret, shown once, the old one still valid for a day; then pause and delete
  await page.goto(endpointUrl);
  await page.getByRole('button', { name: 'Rotate secret' }).click();
  await page.getByRole('button', { name: 'Make new secret' }).click();
  await expect(page.getByText('The old secret stays valid for 24 hours')).toBeVisible();
  const rotated = (await page.getByTestId('webhook-secret').textContent()) ?? '';
  expect(rotated).toMatch(/^whsec_/);
  expect(rotated).not.toBe(secret);
  await expect(
    page.getByText('The previous signing secret still signs deliveries until'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Disable endpoint' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Endpoint disabled' })).toBeVisible();
  await expect(page.getByText('Paused', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Delete endpoint' }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
  await expect(page.getByText('No endpoints yet')).toBeVisible();

  // the mail outbox: the verification mail, its kind in words; a malformed page cursor is a 404
  await page.goto(`${dashboardUrl}/outbox`);
  await expect(page.getByRole('heading', { level: 1, name: 'Mail outbox' })).toBeVisible();
  await expect(
    page.getByRole('list', { name: 'Mail to your account' }).getByTestId('mail').first(),
  ).toContainText('email verification');
  await lookAt(page, 'outbox');
  expect((await page.goto(`${dashboardUrl}/outbox?after=nonsense`))?.status()).toBe(404);
});
