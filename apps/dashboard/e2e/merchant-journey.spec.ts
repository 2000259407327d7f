import { expect, type Page, test } from '@playwright/test';
import { dashboardUrl, lookAt, signUpMerchant } from '../../checkout/e2e/merchant';
import { payWithCard } from '../../checkout/e2e/shopper';
import { createProductInDashboard } from './catalog-helpers';
import { csvRows, downloadOrdersCsv } from './orders';
import { createProductLinkInDashboard } from './payment-links';

/*
 * Issue 10's journey, from an empty browser and with nothing but the dashboard and the checkout
 * page: sign up, confirm the email from the outbox, connect the sandbox, add a product with a
 * price, make a payment link, pay it with 4242, find the order paid, refund half with a reason,
 * and find it in the CSV export. A second merchant then sees none of it.
 */
test('a new merchant goes from an empty browser to a paid, half-refunded, exported sandbox order', async ({
  browser,
}) => {
  // the budget for the whole journey: five minutes
  test.setTimeout(300_000);
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: dashboardUrl });
  const page = await context.newPage();

  // sign up, then confirm the email from the mail outbox
  const { email } = await signUpMerchant(page, 'Quinn');
  await page.getByRole('link', { name: 'Mail outbox' }).click();
  const mail = page.getByTestId('mail').filter({ hasText: 'Confirm your email address' });
  await expect(mail).toContainText(email);
  const verify = /https?:\/\/\S+verify-email\S+/.exec((await mail.textContent()) ?? '')?.[0];
  expect(verify).toBeDefined();
  await page.goto(verify as string);
  await expect(page.getByText('Email confirmed. You can go live now.')).toBeVisible();
  // the organization was made at sign-up
  await expect(page.getByLabel('Organization')).toHaveValue(/^org_/);

  // the sandbox in one click
  await page.getByRole('link', { name: 'Integrations' }).click();
  await page.getByRole('link', { name: 'Connect Sandbox' }).click();
  await page.getByRole('button', { name: 'Connect the sandbox' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Sandbox connected' })).toBeVisible();

  // a product with a price, then a payment link for it, both through their forms
  const productId = await createProductInDashboard(page, {
    name: 'Walnut cutting board',
    amount: '48.00',
    currency: 'EUR',
  });
  const linkUrl = await createProductLinkInDashboard(page, { productName: 'Walnut cutting board' });
  const linkId = /\/l\/(plink_[A-Za-z0-9]+)$/.exec(linkUrl)?.[1];
  expect(linkId, linkUrl).toBeDefined();

  // the shopper pays through the link with the sandbox's 4242 card
  const shopper = await context.newPage();
  await shopper.goto(linkUrl);
  await shopper.getByLabel('Full name').fill('Ada Shopper');
  await shopper.getByLabel('Email').fill('ada.journey@example.com');
  await shopper.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(shopper).toHaveURL(/\/c\/cs_/);
  await expect(shopper.getByTestId('summary-total')).toHaveText('€48.00');
  await payWithCard(shopper, '4242 4242 4242 4242');
  await shopper.close();

  // the order is in the list, paid (a download is fulfilled by the worker right after)
  const row = page.getByTestId('order-row').filter({ hasText: 'ada.journey@example.com' });
  await expect
    .poll(
      async () => {
        await page.goto(`${dashboardUrl}/orders`);
        return (await row.first().textContent()) ?? '';
      },
      { timeout: 60_000 },
    )
    .toMatch(/Paid|Fulfilled/);
  await expect(row.first()).toContainText('€48.00');
  await row.first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/orders\/ord_/);
  const orderId = /\/orders\/(ord_[A-Za-z0-9]+)$/.exec(page.url())?.[1] as string;
  await expect(page.getByTestId('timeline')).toContainText('Payment succeeded: order paid');

  // half of it back, with a reason
  const form = page.getByTestId('refund-form');
  await form.getByLabel(/^Amount/).fill('24.00');
  await form.getByLabel('Reason').selectOption('requested_by_customer');
  await form.getByRole('button', { name: 'Refund', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Refund €24.00' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Refunded €24.00.' })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Partially refunded');
  await expect(page.getByTestId('refunds')).toContainText('Requested by the customer');
  await lookAt(page, 'journey-order');

  // the export of the list holds the order, half refunded
  await page.goto(`${dashboardUrl}/orders`);
  const csv = await downloadOrdersCsv(page);
  const header = csv.split(/\r?\n/)[0]?.split(',') ?? [];
  const exported = csvRows(csv).find((cells) => cells[header.indexOf('id')] === orderId);
  expect(exported, csv).toBeDefined();
  expect(exported?.[header.indexOf('status')]).toBe('PARTIALLY_REFUNDED');

  // another merchant sees none of it: every id of the first is the not-found page
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signUpMerchant(other, 'Rory');
  for (const path of [`/orders/${orderId}`, `/products/${productId}`, `/links/${linkId}`]) {
    await expectNotFound(other, path);
  }
  await other.goto(`${dashboardUrl}/orders`);
  await expect(other.getByTestId('order-row')).toHaveCount(0);
  await other.goto(`${dashboardUrl}/developers/events`);
  await expect(other.getByText(orderId)).toHaveCount(0);
  await otherContext.close();
  await context.close();
});

async function expectNotFound(page: Page, path: string) {
  await page.goto(`${dashboardUrl}${path}`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'This page could not be found' }),
    path,
  ).toBeVisible();
}
