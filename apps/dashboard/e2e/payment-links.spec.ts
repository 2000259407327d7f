import { expect, test } from '@playwright/test';
import {
  dashboardMutation,
  dashboardUrl,
  lookAt,
  signUpMerchant,
} from '../../checkout/e2e/merchant';
import { payWithCard } from '../../checkout/e2e/shopper';
import { csvRows, downloadOrdersCsv } from './orders';
import { createProductLinkInDashboard } from './payment-links';

/*
 * A merchant sells a product through a payment link made in the dashboard: copies it, a shopper
 * opens it, types a name and email, pays with 4242, and the order shows as paid on the link's
 * page and in Orders. A fixed-amount link is made from a typed decimal. Disabled, the product
 * link tells shoppers it is no longer active and makes no order. Every page is looked at.
 */
test('a merchant creates a product link, a shopper pays through it, and a disabled link says so', async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: dashboardUrl });
  await signUpMerchant(page, 'Lena');

  // no links yet: the page says so and offers the form
  await page.getByRole('link', { name: 'Payment links' }).click();
  await expect(page.getByText('No payment links yet')).toBeVisible();
  await lookAt(page, 'links-empty');

  await dashboardMutation(page, 'settings.connectSandbox', undefined);
  await dashboardMutation(page, 'catalog.create', {
    name: 'Linen apron',
    price: { currency: 'EUR', unitAmount: 3450 },
  });

  // field errors in words next to the fields: a fixed amount with a bad decimal
  await page.goto(`${dashboardUrl}/links`);
  await page.getByRole('radio', { name: /A fixed amount/ }).check();
  await page.getByRole('textbox', { name: 'Amount' }).fill('12.345');
  await page.getByRole('button', { name: 'Create link' }).click();
  await expect(page.getByText('EUR has 2 decimals at most.')).toBeVisible();
  await expect(page.getByText('Say what the payment is for.')).toBeVisible();
  await page.getByRole('textbox', { name: 'Amount' }).fill('49.90');
  await page.getByLabel('Description').fill('Invoice 2026-041');
  await page.getByRole('button', { name: 'Create link' }).click();
  await expect(page.getByTestId('new-link-url')).toContainText('/c/cs_link_');

  const url = await createProductLinkInDashboard(page, { productName: 'Linen apron' });
  expect(url).toMatch(/\/l\/plink_[0-9A-Za-z]{22}$/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await page.goto(`${dashboardUrl}/links`);
  const rows = page.getByTestId('link-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('€34.50');
  await expect(rows.first()).toContainText('Not used yet');
  await expect(rows.nth(1)).toContainText('€49.90');
  await lookAt(page, 'links-list');

  // the shopper: the landing page, then the checkout with the database's price
  const shopper = await context.newPage();
  await shopper.goto(url);
  await expect(shopper.getByTestId('link-total')).toHaveText('€34.50');
  await expect(shopper.getByRole('heading', { name: 'Linen apron' })).toBeVisible();
  await lookAt(shopper, 'link-landing');
  await shopper.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(shopper.getByText('Enter your name.')).toBeVisible();
  await shopper.getByLabel('Full name').fill('Ada Shopper');
  await shopper.getByLabel('Email').fill('ada.link@example.com');
  await shopper.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(shopper).toHaveURL(/\/c\/cs_/);
  await expect(shopper.getByTestId('summary-total')).toHaveText('€34.50');
  await payWithCard(shopper, '4242 4242 4242 4242');

  // the link's page lists the order, paid, and leads to it
  await page.goto(`${dashboardUrl}/links`);
  await rows.first().getByRole('link').click();
  await expect(page).toHaveURL(/\/links\/plink_/);
  const linkOrder = page.getByTestId('link-order');
  await expect
    .poll(
      async () => {
        await page.reload();
        return (await linkOrder.first().textContent()) ?? '';
      },
      { timeout: 30_000 },
    )
    .toMatch(/Paid|Fulfilled/);
  await expect(page.getByText('1 use · 1 paid')).toBeVisible();
  await lookAt(page, 'link-detail');
  await linkOrder.first().getByRole('link').click();
  await expect(page).toHaveURL(/\/orders\/ord_/);
  await expect(page.getByText('ada.link@example.com').first()).toBeVisible();
  await page.getByRole('link', { name: 'Orders' }).first().click();
  await expect(page.getByTestId('order-row').first()).toContainText(/Paid|Fulfilled/);
  await expect(page.getByTestId('order-row').first()).toContainText('€34.50');

  // disabled (after a confirmation): the shopper sees the merchant's "no longer active" page
  await page.goBack();
  await page.goto(`${dashboardUrl}/links`);
  await rows.first().getByRole('link').click();
  await page.getByRole('button', { name: 'Disable' }).click();
  await page.getByRole('button', { name: 'Disable link' }).click();
  await expect(
    page.getByTestId('toast').filter({ hasText: 'Payment link disabled.' }),
  ).toBeVisible();
  await expect(page.getByText('Disabled', { exact: true })).toBeVisible();
  await shopper.goto(url);
  await expect(shopper.getByTestId('link-inactive')).toContainText('no longer active');
  await expect(shopper.getByTestId('link-inactive')).toContainText("Lena's organization");
  await lookAt(shopper, 'link-inactive');
  // a German shopper reads it in German
  await shopper.goto(`${url}?locale=de`);
  await expect(shopper.getByTestId('link-inactive')).toContainText('nicht mehr aktiv');
  await page.reload();
  await expect(page.getByText('1 use · 1 paid')).toBeVisible();
});

/*
 * A fixed-amount (invoice) link made in the dashboard is paid in the checkout app with 4242: its
 * payment is an order like any other, listed on the link's page and in Orders, refundable in
 * part and in full, in the CSV export; another merchant sees none of it.
 */
test('an invoice link’s payment is an order: on the link’s page, in Orders, refunded', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await signUpMerchant(page, 'Iris');
  await dashboardMutation(page, 'settings.connectSandbox', undefined);

  await page.goto(`${dashboardUrl}/links`);
  await page.getByRole('radio', { name: /A fixed amount/ }).check();
  await page.getByRole('textbox', { name: 'Amount' }).fill('60.00');
  await page.getByLabel('Description').fill('Invoice 2026-077');
  await page.getByRole('button', { name: 'Create link' }).click();
  const shown = page.getByTestId('new-link-url');
  await expect(shown).toContainText('/c/cs_link_');
  const url = ((await shown.textContent()) ?? '').trim();

  // before anybody pays, the link's page says where its order will appear
  await page.getByRole('link', { name: 'Open the link’s page' }).click();
  await expect(page).toHaveURL(/\/links\/cs_link_/);
  await expect(page.getByText('Not paid yet').first()).toBeVisible();
  await lookAt(page, 'invoice-link-unpaid');

  const shopperContext = await browser.newContext();
  const shopper = await shopperContext.newPage();
  await shopper.goto(url);
  await expect(shopper.getByText('Invoice 2026-077')).toBeVisible();
  await payWithCard(shopper, '4242 4242 4242 4242');
  await expect(shopper.getByTestId('success')).toBeVisible({ timeout: 60_000 });
  await shopperContext.close();

  // the link's page lists the order the payment made
  const linkOrder = page.getByTestId('link-order');
  await expect
    .poll(
      async () => {
        await page.reload();
        return (
          (await linkOrder
            .first()
            .textContent()
            .catch(() => '')) ?? ''
        );
      },
      { timeout: 60_000 },
    )
    .toMatch(/Paid|Fulfilled/);
  await expect(linkOrder).toHaveCount(1);
  await expect(linkOrder.first()).toContainText('€60.00');
  await expect(linkOrder.first()).toContainText('No email: paid through a fixed-amount link');
  await expect(page.getByText('Paid once')).toBeVisible();
  await lookAt(page, 'invoice-link-paid');

  // and Orders has it, with its one line and no customer to mail
  await page.goto(`${dashboardUrl}/orders`);
  const row = page.getByTestId('order-row').filter({ hasText: '€60.00' });
  await expect(row.first()).toContainText(/Paid|Fulfilled/);
  await row.first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/orders\/ord_/);
  const orderId = /\/orders\/(ord_[A-Za-z0-9]+)$/.exec(page.url())?.[1] as string;
  await expect(page.getByTestId('order-lines')).toContainText('Invoice 2026-077');
  await expect(page.getByText('No email: paid through a fixed-amount link')).toBeVisible();
  await expect(page.getByRole('button', { name: /Resend receipt/ })).toHaveCount(0);

  // refunded like any order: part of it, then the rest
  const form = page.getByTestId('refund-form');
  await form.getByLabel(/^Amount/).fill('20.00');
  await form.getByLabel('Reason').selectOption('requested_by_customer');
  await form.getByRole('button', { name: 'Refund', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Refund €20.00' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Refunded €20.00.' })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Partially refunded');
  await lookAt(page, 'invoice-link-order');
  await form.getByLabel(/^Amount/).fill('40.00');
  await form.getByRole('button', { name: 'Refund', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Refund €40.00' }).click();
  await expect(page.getByTestId('order-status')).toHaveText('Refunded');

  await page.goto(`${dashboardUrl}/orders`);
  const csv = await downloadOrdersCsv(page);
  const header = csv.split(/\r?\n/)[0]?.split(',') ?? [];
  const exported = csvRows(csv).find((cells) => cells[header.indexOf('id')] === orderId);
  expect(exported, csv).toBeDefined();
  expect(exported?.[header.indexOf('status')]).toBe('REFUNDED');

  // another merchant sees none of it
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signUpMerchant(other, 'Theo');
  await other.goto(`${dashboardUrl}/orders`);
  await expect(other.getByTestId('order-row')).toHaveCount(0);
  await other.goto(`${dashboardUrl}/orders/${orderId}`);
  await expect(other.getByText('Invoice 2026-077')).toHaveCount(0);
  await otherContext.close();
});
