import { expect, type Page } from '@playwright/test';
import { dashboardUrl } from '../../checkout/e2e/merchant';

/**
 * A signed-in merchant (admin) creates a product link for `productName` (its first one-off
 * price, quantity 1) on the dashboard's /links page, presses Copy, and gets the link's URL back.
 *
 * @example
 * const url = await createProductLinkInDashboard(page, { productName: 'Ceramic mug' });
 * await page.goto(url); // the shopper's landing page, /l/plink_…
 */
export async function createProductLinkInDashboard(
  page: Page,
  options: { productName: string },
): Promise<string> {
  await page.goto(`${dashboardUrl}/links`);
  await expect(page.getByRole('heading', { level: 1, name: 'Payment links' })).toBeVisible();
  await page.getByRole('radio', { name: /A product/ }).check();
  const picker = page.getByLabel('Product and price');
  const option = picker.locator('option', { hasText: options.productName }).first();
  await picker.selectOption((await option.getAttribute('value')) ?? '');
  await page.getByRole('button', { name: 'Create link' }).click();
  const shown = page.getByTestId('new-link-url');
  await expect(shown).toContainText('/l/plink_');
  const url = ((await shown.textContent()) ?? '').trim();
  await page.getByTestId('copy-link').first().click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Link copied.' })).toBeVisible();
  return url;
}
