import { expect, test } from '@playwright/test';
import { dashboardUrl, lookAt, signUpMerchant } from '../../checkout/e2e/merchant';
import { createProductInDashboard } from './catalog-helpers';

const toast = (page: import('@playwright/test').Page, text: string) =>
  page.getByTestId('toast').filter({ hasText: text });

/*
 * A merchant builds a catalog through the dashboard: a product with a one-off price (after a
 * refused first try whose errors are shown in words next to the fields), a second price that
 * is archived, a coupon and a tax rate. Every page passes axe and fits a phone; another
 * merchant's product is the not-found page.
 */
test('a merchant creates a product with prices, a coupon and a tax rate', async ({
  page,
  browser,
}) => {
  await signUpMerchant(page, 'Cora');
  const nav = page.getByRole('navigation', { name: 'Main' });

  await nav.getByRole('link', { name: 'Products' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
  await expect(page.getByText('No products yet')).toBeVisible();
  await lookAt(page, 'products-empty');

  await page.getByRole('link', { name: 'New product' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'New product' })).toBeVisible();
  await lookAt(page, 'product-new');
  // a yen price with cents and no name: both refused, in words, next to their fields
  await page.getByLabel('Currency').selectOption('JPY');
  await page.getByLabel('Amount').fill('12.5');
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(toast(page, 'Some fields need a fix.')).toBeVisible();
  await expect(page.locator('#product-name-error')).toHaveText('This is required.');
  await expect(page.locator('#price-amount-error')).toHaveText(
    'JPY has no decimals: use a whole amount.',
  );
  await expect(page.getByLabel('Amount')).toHaveValue('12.5');
  await expect(page.getByLabel('Amount')).toHaveAttribute('aria-invalid', 'true');
  await lookAt(page, 'product-new-errors');

  await page.getByLabel('Name', { exact: true }).fill('Stoneware mug');
  await page.getByLabel('Description').fill('Hand-thrown, 300 ml.');
  await page.getByLabel('Image URL').fill('https://img.example/mug.png');
  await page.getByLabel('Digital').check();
  await page.getByLabel('Count stock').check();
  await page.getByLabel('Units in stock').fill('12');
  await page.getByLabel('Amount').fill('1200');
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page).toHaveURL(/\/products\/prod_[A-Za-z0-9]+$/);
  const mugUrl = page.url();
  await expect(toast(page, '“Stoneware mug” created.')).toBeVisible();
  const prices = page.getByRole('list', { name: 'Prices' });
  await expect(prices).toContainText('¥1,200');

  // a second, recurring price in euros, typed as a decimal; then archived after a confirmation
  await page.getByLabel('Currency').selectOption('EUR');
  await page.getByLabel('Amount').fill('9,90');
  await page.getByLabel('Recurring').check();
  await page.getByLabel('Period').selectOption('month');
  await page.getByRole('button', { name: 'Add price' }).click();
  await expect(toast(page, 'Price added.')).toBeVisible();
  await expect(prices).toContainText('€9.90 / month');
  await lookAt(page, 'product');
  const monthly = prices.getByRole('listitem').filter({ hasText: '€9.90 / month' });
  await monthly.getByRole('button', { name: 'Archive' }).click();
  await expect(
    page.getByRole('dialog', { name: 'Archive the price €9.90 / month?' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Archive price' }).click();
  await expect(toast(page, 'Price archived')).toBeVisible();
  await expect(monthly).toContainText('Archived');

  // the product's own fields: stock shown as saved
  await expect(page.getByLabel('Units in stock')).toHaveValue('12');
  await expect(page.getByLabel('Digital')).toBeChecked();

  const posterId = await createProductInDashboard(page, {
    name: 'Poster',
    amount: '8.00',
    currency: 'EUR',
  });
  expect(posterId).toMatch(/^prod_/);
  await nav.getByRole('link', { name: 'Products' }).click();
  const list = page.getByRole('list', { name: 'Products' });
  await expect(list).toContainText('Poster');
  await expect(list).toContainText('€8.00');
  await expect(list).toContainText('Stoneware mug');
  await expect(list).toContainText('12 in stock');
  await lookAt(page, 'products');

  // coupons: a refused code, then a percentage with a cap on uses
  await nav.getByRole('link', { name: 'Coupons' }).click();
  await expect(page.getByText('No coupons yet')).toBeVisible();
  await lookAt(page, 'coupons-empty');
  await page.getByLabel('Code').fill('X');
  await page.getByLabel('Percent off').fill('10');
  await page.getByRole('button', { name: 'Create coupon' }).click();
  await expect(page.locator('#coupon-code-error')).toHaveText('Use at least 2 characters.');
  await page.getByLabel('Code').fill('SPRING10');
  await page.getByLabel('Max uses').fill('100');
  await page.getByLabel('Once per customer').check();
  await page.getByRole('button', { name: 'Create coupon' }).click();
  await expect(toast(page, 'Coupon SPRING10 created.')).toBeVisible();
  const coupons = page.getByRole('list', { name: 'Coupons' });
  await expect(coupons).toContainText('10 % off');
  await expect(coupons).toContainText('0 / 100 used');
  await lookAt(page, 'coupons');
  await coupons.getByRole('link', { name: 'SPRING10' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('SPRING10');
  await lookAt(page, 'coupon');
  await page.getByRole('button', { name: 'Deactivate' }).click();
  await page.getByRole('button', { name: 'Deactivate coupon' }).click();
  await expect(toast(page, 'Coupon deactivated')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Deactivated');

  // tax rates
  await nav.getByRole('link', { name: 'Tax rates' }).click();
  await expect(page.getByText('No tax rates yet')).toBeVisible();
  await lookAt(page, 'tax-rates-empty');
  await page.getByLabel('Name', { exact: true }).fill('VAT');
  await page.getByLabel('Country').fill('de');
  await page.getByLabel('Rate (%)').fill('19');
  await page.getByRole('button', { name: 'Add tax rate' }).click();
  await expect(toast(page, 'Tax rate added.')).toBeVisible();
  const rates = page.getByRole('list', { name: 'Tax rates' });
  await expect(rates).toContainText('DE · 19 % · added on top');
  await lookAt(page, 'tax-rates');
  await rates.getByRole('link', { name: 'VAT' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('VAT');
  await lookAt(page, 'tax-rate');

  // the lists page by keyset: an edited page link shows the newest page and says so
  for (const [path, row] of [
    ['/tax-rates', 'VAT'],
    ['/coupons', 'SPRING10'],
  ] as const) {
    await page.goto(`${dashboardUrl}${path}?cursor=bm90LWEtY3Vyc29y`);
    await expect(page.getByText('That page link is no longer valid')).toBeVisible();
    await expect(page.getByRole('main')).toContainText(row);
  }
  await lookAt(page, 'coupons-stale-cursor');

  // another merchant gets the not-found page for this merchant's product
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signUpMerchant(other, 'Otto');
  await other.goto(mugUrl);
  await expect(
    other.getByRole('heading', { level: 1, name: 'This page could not be found' }),
  ).toBeVisible();
  await other.goto(`${dashboardUrl}/products`);
  await expect(other.getByText('No products yet')).toBeVisible();
  await otherContext.close();
});
