import { readFile } from 'node:fs/promises';
import { expect, type Page } from '@playwright/test';
import { parseCsv } from '@prood/api/testing';

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
