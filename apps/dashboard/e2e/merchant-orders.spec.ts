import { expect, test } from '@playwright/test';
import { createDatabase } from '@prood/db';
import {
  dashboardUrl,
  lookAt,
  openSandboxStore,
  signUpMerchant,
} from '../../checkout/e2e/merchant';
import { databaseUrl } from '../../checkout/e2e/platform';
import { api as demoApi, payWithCard, priceId } from '../../checkout/e2e/shopper';

/*
 * A merchant finds a paid sandbox order in /orders, opens it, refunds part of it (a refund over
 * what is left is refused with the API's words and code), sees the refund, the new status and
 * the timeline; a member sees no refund form; another tenant's order is a 404; an order paid after it was canceled is flagged
 * with a one-click full refund. Both pages are looked at (axe, 1280 and 390 px).
 */
test('a merchant finds a paid order, refunds part of it and sees the refund, the status and the timeline', async ({
  page,
}) => {
  await signUpMerchant(page, 'Olive');
  // an organization without orders: the list says so
  await page.getByRole('link', { name: 'Orders' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  await expect(page.getByText('No orders here')).toBeVisible();
  await lookAt(page, 'orders-empty');

  const api = await openSandboxStore(page, {
    name: 'Ceramic mug',
    price: { currency: 'EUR', unitAmount: 1250 },
  });

  // a shopper pays two mugs, shipped to Berlin, with the sandbox card
  const products = await api('GET', '/v1/products');
  const order = await api('POST', '/v1/orders', {
    items: [{ priceId: products.data[0].prices[0].id, quantity: 2 }],
    customer: {
      name: 'Ada Shopper',
      email: 'ada.orders@example.com',
      address: { line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
    },
    fulfillment: { method: 'shipping' },
    returnUrl: 'http://localhost:3000/thanks',
  });
  const checkout = await api('POST', `/v1/orders/${order.id}/checkout`, {});
  await page.goto(checkout.url);
  await payWithCard(page, '4242 4242 4242 4242');
  await expect
    .poll(async () => (await api('GET', `/v1/orders/${order.id}`)).status, { timeout: 30_000 })
    .toBe('PAID');
  const total = (await api('GET', `/v1/orders/${order.id}`)).total as number;
  const euros = (minor: number) => `€${(minor / 100).toFixed(2)}`;

  // a second, unpaid order, so the tabs have something to tell apart
  const unpaid = await api('POST', '/v1/orders', {
    items: [{ priceId: products.data[0].prices[0].id, quantity: 1 }],
    customer: { name: 'Ben Browser', email: 'ben@example.com' },
    fulfillment: { method: 'pickup' },
  });

  await page.goto(`${dashboardUrl}/orders`);
  const row = page.getByTestId('order-row').filter({ hasText: order.reference });
  await expect(row).toContainText('ada.orders@example.com');
  await expect(row).toContainText('Paid');
  await expect(row).toContainText(euros(total));
  await expect(row).toContainText('Sandbox');
  await expect(page.getByTestId('order-row')).toHaveCount(2);
  await page.getByRole('link', { name: 'Pending' }).click();
  await expect(page).toHaveURL(/view=pending/);
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  await expect(page.getByTestId('order-row')).toContainText(unpaid.reference);
  await page.getByRole('link', { name: 'All', exact: true }).click();
  await expect(page).toHaveURL(/\/orders$/);
  await page.getByLabel('Search orders').fill('ada.orders');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  await expect(page).toHaveURL(/q=ada\.orders/);
  await page.getByLabel('Search orders').fill('nobody@example.com');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('No orders match “nobody@example.com”')).toBeVisible();
  // a cursor that was tampered with shows the newest orders and says so
  await page.goto(`${dashboardUrl}/orders?cursor=bm90LWEtY3Vyc29y`);
  await expect(page.getByText('That page link is no longer valid')).toBeVisible();
  await page.goto(`${dashboardUrl}/orders`);
  await lookAt(page, 'orders-list');
  // on a phone the list is cards with the key columns
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('order-card').filter({ hasText: order.reference })).toContainText(
    euros(total),
  );
  await page.setViewportSize({ width: 1280, height: 900 });

  await row.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/orders/${order.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(euros(total));
  await expect(page.getByTestId('order-status')).toHaveText('Paid');
  await expect(page.getByTestId('order-lines')).toContainText('2 × €12.50');
  await expect(page.getByTestId('shipping-address')).toContainText('Hauptstr. 1');
  await expect(page.getByTestId('payments')).toContainText('Succeeded');
  await expect(page.getByTestId('timeline')).toContainText('Payment succeeded: order paid');
  await lookAt(page, 'order-paid');

  // more than was paid: refused with the API's code, nothing refunded
  const form = page.getByTestId('refund-form');
  await form.getByLabel(/^Amount/).fill('999');
  await form.getByRole('button', { name: 'Refund', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Refund €999.00' }).click();
  await expect(form.getByText(`At most ${euros(total)} can still be refunded.`)).toBeVisible();
  await expect(page.getByTestId('refund-error-code')).toHaveText('refund_exceeds_paid');
  await expect(form.getByLabel(/^Amount/)).toHaveValue('999');
  expect((await api('GET', `/v1/orders/${order.id}`)).amountRefunded).toBe(0);

  // part of it, typed as a decimal: the server turns 7.50 into 750 cents
  await form.getByLabel(/^Amount/).fill('7.50');
  await form.getByLabel('Reason').selectOption('requested_by_customer');
  await form.getByRole('button', { name: 'Refund', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Refund €7.50' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Refunded €7.50.' })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Partially refunded');
  await expect(page.getByTestId('refunds')).toContainText('−€7.50');
  await expect(page.getByTestId('refunds')).toContainText('Requested by the customer');
  await expect(page.getByTestId('timeline')).toContainText('Refund of €7.50 settled');
  const after = await api('GET', `/v1/orders/${order.id}`);
  expect(after).toMatchObject({ status: 'PARTIALLY_REFUNDED', amountRefunded: 750 });
  // the form now offers what is left
  await expect(form.getByLabel(/^Amount/)).toHaveValue(((total - 750) / 100).toFixed(2));
  await lookAt(page, 'order-partially-refunded');

  // back in the list, the Refunded tab has it
  await page.goto(`${dashboardUrl}/orders?view=refunded`);
  await expect(page.getByTestId('order-row')).toContainText('Partially refunded');

  // an unpaid order is canceled after a confirmation
  await page.goto(`${dashboardUrl}/orders/${unpaid.id}`);
  await page.getByRole('button', { name: 'Cancel order' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel order' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Order canceled.' })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Canceled');
  await expect(page.getByRole('button', { name: 'Cancel order' })).toHaveCount(0);

  // a member reads the order but gets no refund form
  const db = createDatabase(databaseUrl, { max: 1, applicationName: 'prood-e2e-orders' });
  const sql = db.$client;
  const [{ tenantId } = { tenantId: '' }] = await sql<{ tenantId: string }[]>`
    select tenant_id as "tenantId" from orders where id = ${order.id}`;
  await sql`update members set role = 'member' where organization_id = ${tenantId}`;
  await page.goto(`${dashboardUrl}/orders/${order.id}`);
  await expect(page.getByText('owners and admins refund, fulfil and')).toBeVisible();
  await expect(page.getByTestId('refund-form')).toHaveCount(0);
  await sql`update members set role = 'owner' where organization_id = ${tenantId}`;

  // the demo tenant's order, a missing id and a malformed one are the 404 page
  const foreign = await demoApi('POST', '/v1/orders', {
    items: [{ priceId: await priceId(/Ethiopia/), quantity: 1 }],
    customer: { name: 'Dee Demo', email: 'dee@example.com' },
    fulfillment: { method: 'pickup' },
  });
  for (const id of [foreign.id, 'ord_0000000000000000000000', 'not-an-order']) {
    const res = await page.goto(`${dashboardUrl}/orders/${id}`);
    expect(res?.status(), id).toBe(404);
  }

  // a payment that landed after a cancel (issue 12)
  const late = await api('POST', '/v1/orders', {
    items: [{ priceId: products.data[0].prices[0].id, quantity: 1 }],
    customer: { name: 'Cy Late', email: 'cy@example.com' },
    fulfillment: { method: 'pickup' },
    returnUrl: 'http://localhost:3000/thanks',
  });
  const lateCheckout = await api('POST', `/v1/orders/${late.id}/checkout`, {});
  await page.goto(lateCheckout.url);
  await payWithCard(page, '4242 4242 4242 4242');
  await expect
    .poll(async () => (await api('GET', `/v1/orders/${late.id}`)).status, { timeout: 30_000 })
    .toBe('PAID');
  // the state the ingest leaves when a payment lands on a canceled order
  await sql`update orders set needs_review = true, canceled_at = now() - interval '1 minute',
    review_reason = 'payment received after the order was canceled' where id = ${late.id}`;
  await sql.end();
  await page.goto(`${dashboardUrl}/orders?view=needs_review`);
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  await expect(page.getByTestId('order-row')).toContainText('Needs review');
  await page.getByTestId('order-row').getByRole('link').click();
  const banner = page.getByTestId('review-banner');
  await expect(banner).toContainText('Paid after it was canceled');
  await lookAt(page, 'order-needs-review');
  await banner.getByRole('button', { name: 'Refund €12.50 in full' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Refund €12.50' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Refunded €12.50.' })).toBeVisible();
  await expect(page.getByTestId('order-status')).toHaveText('Refunded');
  await expect(banner).toContainText('Refunded in full');
  expect((await api('GET', `/v1/orders/${late.id}`)).status).toBe('REFUNDED');
});
