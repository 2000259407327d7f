import { expect, type Page } from '@playwright/test';
import { dashboardUrl } from '../../checkout/e2e/merchant';

/**
 * Creates a product with one one-off price through the dashboard's own form, as a merchant
 * would, and returns its id (`prod_…`). `amount` is typed as a person types it: "12.50", or
 * "1200" for JPY. The page must be signed in as an owner or admin.
 *
 * @example
 * const productId = await createProductInDashboard(page, { name: 'Mug', amount: '12.50', currency: 'EUR' });
 */
export async function createProductInDashboard(
  page: Page,
  product: { name: string; amount: string; currency: string },
): Promise<string> {
  await page.goto(`${dashboardUrl}/products/new`);
  await page.getByLabel('Name', { exact: true }).fill(product.name);
  await page.getByLabel('Currency').selectOption(product.currency);
  await page.getByLabel('Amount').fill(product.amount);
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page).toHaveURL(/\/products\/prod_[A-Za-z0-9]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(product.name);
  const id = /\/products\/(prod_[A-Za-z0-9]+)$/.exec(page.url())?.[1];
  if (!id) throw new Error(`no product id in ${page.url()}`);
  return id;
}
