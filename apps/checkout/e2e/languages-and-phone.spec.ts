import { expect, test } from '@playwright/test';
import { formatMoney } from '@prood/ui/format';
import { api, checkStep, orderAndCheckout, tabTo, waitForPaid } from './shopper';

test.describe('a German shopper on a phone, keyboard only', () => {
  test.use({ viewport: { width: 390, height: 844 }, locale: 'de-DE', hasTouch: false });

  test('finishes a coupon-and-shipping checkout in German on one URL; the totals match', async ({
    page,
  }, info) => {
    const { order, checkout } = await orderAndCheckout();
    await page.goto(checkout.url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByText('Bestellübersicht').first()).toBeVisible();
    await expect(page.getByText('Testmodus – es wird kein echtes Geld bewegt.')).toBeVisible();
    await checkStep(page, info, 'de-phone-01-open');

    await tabTo(page, page.getByRole('textbox', { name: 'Rabattcode' }));
    await page.keyboard.type('WELCOME10');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Rabattcode eingelöst.')).toBeVisible();
    await expect(page.getByText('Rabatt (WELCOME10)')).toBeVisible();

    await tabTo(page, page.getByRole('radio', { name: /Standard/ }));
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: /Express/ })).toBeChecked();
    await tabTo(page, page.getByRole('button', { name: 'Diese Versandart wählen' }));
    await page.keyboard.press('Enter');
    await expect(page.getByText('Versandart geändert.')).toBeVisible();
    await checkStep(page, info, 'de-phone-02-coupon-shipping');

    const pageTotal = (await page.getByTestId('total').textContent()) ?? '';
    const repriced = await api('GET', `/v1/orders/${order.id}`);
    expect(formatMoney(repriced.total, 'EUR', 'de')).toBe(pageTotal);

    await tabTo(page, page.getByLabel('Kartennummer'));
    await page.keyboard.type('4242 4242 4242 4242');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12 / 34');
    await page.keyboard.press('Tab');
    await page.keyboard.type('123');
    await tabTo(page, page.getByTestId('pay'));
    await expect(page.getByTestId('pay')).toHaveText(`${pageTotal} bezahlen`);
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: 'Vielen Dank!' })).toBeVisible({
      timeout: 30_000,
    });
    expect(new URL(page.url()).pathname).toBe(`/c/${checkout.sessionId}`);
    await checkStep(page, info, 'de-phone-03-success');
    await waitForPaid(order.id);
    expect((await api('GET', `/v1/orders/${order.id}`)).amountPaid).toBe(repriced.total);
  });
});

test.describe('French by ?locale=', () => {
  test.use({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });

  test('?locale=fr overrides the browser and is remembered on the next page', async ({
    page,
  }, info) => {
    const { checkout } = await orderAndCheckout();
    await page.goto(`${checkout.url}?locale=fr`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByText('Récapitulatif de la commande').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Adresse de livraison' })).toBeVisible();
    await checkStep(page, info, 'fr-open');
    await page.goto(checkout.url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  });

  test('an unsupported ?locale= is ignored', async ({ page }) => {
    const { checkout } = await orderAndCheckout();
    await page.goto(`${checkout.url}?locale=xx"><script>`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});
