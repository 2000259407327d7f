import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { apiUrl, databaseUrl, demoSecrets, E2E_DATA_DIR, E2E_PORTS } from './platform';
import { checkStep, orderAndCheckout, payWithCard, waitForPaid } from './shopper';

/*
 * The session store unreachable: a second instance of the checkout app (the same production
 * build and database) whose Upstash URL points at a port nothing listens on. Its `/c/{id}` is
 * the 503 page, and it follows the order in Postgres once the order is paid on the first one.
 * (Cutting and restoring a live store, with webhooks in between, is `pnpm test:faults`.)
 */

const storeDown = `http://localhost:${E2E_PORTS.checkoutStoreDown}`;
let instance: ChildProcess | undefined;

test.use({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const dir = join(import.meta.dirname, '..');
  const secrets = demoSecrets();
  instance = spawn(
    process.execPath,
    // the app's own server, as `pnpm start` runs it
    ['--import', 'tsx', 'src/main.ts', 'start', '--port', String(E2E_PORTS.checkoutStoreDown)],
    {
      cwd: dir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl,
        PROOD_DATA_DIR: E2E_DATA_DIR,
        COMMERCE_API_URL: apiUrl,
        CHECKOUT_URL: storeDown,
        CHECKOUT_API_SECRET: secrets.checkoutApiSecret,
        CREDENTIALS_ENCRYPTION_KEYS: secrets.credentialsEncryptionKeys,
        BETTER_AUTH_SECRET: secrets.betterAuthSecret,
        UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${E2E_PORTS.unreachableStore}`,
        UPSTASH_REDIS_REST_TOKEN: 'no-store-listens-here',
      },
    },
  );
  const log = createWriteStream(join(E2E_DATA_DIR, 'checkout-store-down.log'));
  instance.stdout?.pipe(log);
  instance.stderr?.pipe(log);
  await expect
    .poll(
      async () => {
        if (instance?.exitCode !== null) throw new Error('the second checkout instance exited');
        return fetch(`${storeDown}/health`).then(
          (res) => res.status,
          () => 0,
        );
      },
      { timeout: 120_000, intervals: [500] },
    )
    .toBe(200);
});

test.afterAll(() => {
  if (instance?.pid !== undefined && instance.exitCode === null)
    process.kill(-instance.pid, 'SIGKILL');
});

test('/c/{id} with the store down: 503, Retry-After, the merchant and order, a retry; paid later, its success view', async ({
  page,
  browser,
}, info) => {
  const { order, checkout } = await orderAndCheckout({ fulfillment: { method: 'digital' } });
  const path = new URL(checkout.url).pathname;

  const response = await page.goto(`${storeDown}${path}`);
  expect(response?.status()).toBe(503);
  expect(Number(response?.headers()['retry-after'])).toBeGreaterThan(0);
  expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await expect(
    page.getByRole('heading', { name: 'Checkout is briefly unavailable' }),
  ).toBeVisible();
  await expect(page.getByTestId('unavailable')).toContainText('Demo Coffee Roasters');
  await expect(page.getByTestId('summary-line')).toContainText('Qty 2 · €12.90 each');
  await expect(page.getByTestId('retry')).toHaveAttribute('href', path);
  await expect(page.locator('main')).not.toContainText(/node_modules|Error:|\bat \S+ \(/);
  await checkStep(page, info, 'store-down-503');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await checkStep(page, info, 'store-down-503-phone');

  // a German browser gets it in German
  const german = await browser.newContext({ locale: 'de-DE' });
  const de = await german.newPage();
  expect((await de.goto(`${storeDown}${path}`))?.status()).toBe(503);
  await expect(de.locator('html')).toHaveAttribute('lang', 'de');
  await expect(
    de.getByRole('heading', { name: 'Die Kasse ist kurz nicht erreichbar' }),
  ).toBeVisible();
  await expect(de.getByTestId('retry')).toHaveText('Erneut versuchen');
  await german.close();
  await page.setViewportSize({ width: 1280, height: 900 });

  // paid through the healthy instance: Postgres says so, and the store-down instance follows
  await page.goto(checkout.url);
  await payWithCard(page, '4242 4242 4242 4242');
  await waitForPaid(order.id);
  const paid = await page.goto(`${storeDown}${path}`);
  expect(paid?.status()).toBe(200);
  await expect(page.getByTestId('success')).toBeVisible();
  await expect(page.getByTestId('order-reference')).toHaveText(order.reference);
  await checkStep(page, info, 'store-down-paid');
});
