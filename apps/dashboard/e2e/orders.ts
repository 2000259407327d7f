import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';
import { parseCsv } from '@prood/api/testing';
import { apiUrl } from '../../checkout/e2e/platform';

/**
 * Downloads the orders CSV for the filters the open `/orders` page shows (its "Export CSV"
 * link) and returns the file's text, e.g. for a journey spec that checks what a merchant's
 * accountant receives.
 *
 * @example
 * await page.goto(`${dashboardUrl}/orders?view=paid`);
 * const csv = await downloadOrdersCsv(page);
 * expect(csv.split('\r\n')[0]).toMatch(/^id,reference,created_at,/);
 */
export async function downloadOrdersCsv(page: Page): Promise<string> {
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^orders-\d{4}-\d{2}-\d{2}\.csv$/);
  return readFile(await download.path(), 'utf8');
}

/** The CSV's data lines as cells (RFC 4180 quoting), without the header. */
export const csvRows = (text: string): string[][] => parseCsv(text).slice(1);

/** The new merchant's storefront: an API key from the Developers page, then REST calls with it. */
export async function storefront(page: Page) {
  await page.getByRole('link', { name: 'Developers' }).click();
  await page.getByLabel('Name').fill('Storefront');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = (await page.getByTestId('new-key').textContent()) ?? '';
  expect(secret).toMatch(/^sk_test_/);
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: responses are read loosely here
    const json = (await res.json()) as any;
    expect(res.ok, `${method} ${path}: ${JSON.stringify(json)}`).toBe(true);
    return json;
  };
}
