import { expect, test } from '@playwright/test';
import { createDatabase } from '@prood/db';
import {
  dashboardMutation,
  dashboardUrl,
  lookAt,
  signUpMerchant,
  storefront,
} from '../../checkout/e2e/merchant';
import { databaseUrl } from '../../checkout/e2e/platform';
import { payWithCard } from '../../checkout/e2e/shopper';
import { csvRows, downloadOrdersCsv } from './orders';

/*
 * A merchant narrows the orders list (name search, provider, a range of days in their own
 * zone), downloads the filtered list as CSV, ships a paid order with carrier and tracking (the
 * shopper is mailed), resends the receipt once (a second click is refused), and a member can
 * still download but sees no fulfil or resend action. Both pages are looked at (axe, 1280/390).
 */
test('a merchant filters orders, exports them as CSV, ships one with tracking and resends its receipt', async ({
  page,
}) => {
  await signUpMerchant(page, 'Fern');
  await page.getByRole('link', { name: 'Integrations' }).click();
  await page.getByRole('link', { name: 'Connect Sandbox' }).click();
  await page.getByRole('button', { name: 'Connect the sandbox' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Sandbox connected' })).toBeVisible();
  const api = await storefront(page);
  await dashboardMutation(page, 'catalog.create', {
    name: 'Linen apron',
    price: { currency: 'EUR', unitAmount: 2500 },
  });
  await dashboardMutation(page, 'settings.updateOrganization', {
    allowedOrigins: ['http://localhost:3000'],
  });
  const products = await api('GET', '/v1/products');
  const price = products.data[0].prices[0].id;
  const paid = await api('POST', '/v1/orders', {
    items: [{ priceId: price, quantity: 1 }],
    customer: {
      name: 'Ada Lovelace',
      email: 'ada.ships@example.com',
      address: { line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
    },
    fulfillment: { method: 'shipping' },
    returnUrl: 'http://localhost:3000/thanks',
  });
  const checkout = await api('POST', `/v1/orders/${paid.id}/checkout`, {});
  await page.goto(checkout.url);
  await payWithCard(page, '4242 4242 4242 4242');
  await expect
    .poll(async () => (await api('GET', `/v1/orders/${paid.id}`)).status, { timeout: 30_000 })
    .toBe('PAID');
  const unpaid = await api('POST', '/v1/orders', {
    items: [{ priceId: price, quantity: 2 }],
    customer: { name: '=Ben Formula', email: 'ben.waits@example.com' },
    fulfillment: { method: 'pickup' },
  });

  // filters: name, provider, days; each lands in the URL and the list
  await page.goto(`${dashboardUrl}/orders`);
  await expect(page.getByTestId('order-row')).toHaveCount(2);
  await page.getByLabel('Search orders').fill('lovelace');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/q=lovelace/);
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  await expect(page.getByTestId('order-row')).toContainText(paid.reference);
  await page.getByRole('link', { name: 'Clear' }).click();
  await expect(page).toHaveURL(/\/orders(\?tz=[^&]+)?$/);
  await expect(page.getByLabel('Search orders')).toHaveValue('');
  await page.getByLabel('Provider').selectOption('sandbox');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/provider=sandbox/);
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  // the day range is read in the viewer's zone, and the page says which
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  await expect(page.getByTestId('filter-zone')).toContainText(zone);
  const today = await page.evaluate(() => new Date().toLocaleDateString('en-CA'));
  await page.getByRole('link', { name: 'Clear' }).click();
  await expect(page.getByLabel('Provider')).toHaveValue('');
  await page.getByLabel('From').fill(today);
  await page.getByLabel('To').fill(today);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`from=${today}.*to=${today}`));
  await expect(page.getByTestId('order-row')).toHaveCount(2);
  await page.getByLabel('From').fill('2020-01-01');
  await page.getByLabel('To').fill('2020-01-31');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('No orders match these filters')).toBeVisible();

  // the CSV is the filtered list: all of it, then only the sandbox-paid one
  await page.goto(`${dashboardUrl}/orders`);
  const all = csvRows(await downloadOrdersCsv(page));
  expect(all.map((r) => r[1]).sort()).toEqual([paid.reference, unpaid.reference].sort());
  // a cell a spreadsheet would run as a formula is written as text
  expect(all.find((r) => r[1] === unpaid.reference)?.[5]).toBe("'=Ben Formula");
  await page.goto(`${dashboardUrl}/orders?provider=sandbox&q=ada`);
  const filtered = csvRows(await downloadOrdersCsv(page));
  expect(filtered).toHaveLength(1);
  expect(filtered[0]?.slice(0, 2)).toEqual([paid.id, paid.reference]);
  const total = (await api('GET', `/v1/orders/${paid.id}`)).total as number;
  expect(filtered[0]?.slice(8, 10)).toEqual(['EUR', (total / 100).toFixed(2)]);
  await lookAt(page, 'orders-filtered');

  // ship it: the tracking is required, the link must be https
  await page.goto(`${dashboardUrl}/orders/${paid.id}`);
  const form = page.getByTestId('fulfil-form');
  await form.getByRole('button', { name: 'Mark shipped' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Mark fulfilled' }).click();
  await expect(form.getByText('Enter the carrier, e.g. DHL.')).toBeVisible();
  await expect(form.getByText('Enter the tracking number.')).toBeVisible();
  await form.getByLabel('Carrier').fill('DHL');
  await form.getByLabel('Tracking number').fill('JD014600');
  await form.getByLabel(/^Tracking link/).fill('http://track.example/JD014600');
  await form.getByRole('button', { name: 'Mark shipped' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Mark fulfilled' }).click();
  await expect(form.getByText('Enter an https:// link.')).toBeVisible();
  await expect(form.getByLabel('Carrier')).toHaveValue('DHL');
  await form.getByLabel(/^Tracking link/).fill('https://track.example/JD014600');
  await form.getByRole('button', { name: 'Mark shipped' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Mark fulfilled' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Order fulfilled.' })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Fulfilled');
  await expect(page.getByTestId('fulfil-form')).toHaveCount(0);
  await expect(page.getByTestId('shipment')).toContainText('DHL');
  await expect(
    page.getByTestId('shipment').getByRole('link', { name: 'JD014600' }),
  ).toHaveAttribute('href', 'https://track.example/JD014600');
  await expect(page.getByTestId('timeline')).toContainText('Shipped with DHL');
  expect((await api('GET', `/v1/orders/${paid.id}`)).status).toBe('FULFILLED');

  // the worker mails the shopper once
  const db = createDatabase(databaseUrl, { max: 1, applicationName: 'prood-e2e-fulfil' });
  const sql = db.$client;
  await expect
    .poll(
      async () =>
        (
          await sql<{ n: number }[]>`
            select count(*)::int as n from mail_outbox
            where order_id = ${paid.id} and kind = 'order_shipped'`
        )[0]?.n,
      { timeout: 30_000 },
    )
    .toBe(1);
  await page.reload();
  await expect(page.getByTestId('timeline')).toContainText('Shipping mail sent to the shopper');

  // resend the receipt once; a second click straight away is refused in words
  await page.getByRole('button', { name: 'Resend receipt' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Resend receipt' }).click();
  await expect(
    page.getByTestId('toast').filter({ hasText: 'Receipt sent again to ada.ships@example.com.' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Resend receipt' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Resend receipt' }).click();
  await expect(
    page.getByTestId('toast').filter({ hasText: 'The receipt was just resent' }),
  ).toBeVisible();
  await expect(page.getByTestId('timeline')).toContainText('Receipt resend requested');
  await lookAt(page, 'order-fulfilled');

  // a member downloads the list but gets no fulfil or resend action
  const [{ tenantId } = { tenantId: '' }] = await sql<{ tenantId: string }[]>`
    select tenant_id as "tenantId" from orders where id = ${paid.id}`;
  await sql`update members set role = 'member' where organization_id = ${tenantId}`;
  await page.goto(`${dashboardUrl}/orders/${unpaid.id}`);
  await expect(page.getByRole('button', { name: 'Cancel order' })).toHaveCount(0);
  await page.goto(`${dashboardUrl}/orders/${paid.id}`);
  await expect(page.getByRole('button', { name: 'Resend receipt' })).toHaveCount(0);
  await page.goto(`${dashboardUrl}/orders`);
  expect(csvRows(await downloadOrdersCsv(page))).toHaveLength(2);
  await sql`update members set role = 'owner' where organization_id = ${tenantId}`;
  await sql.end();
});
