import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { apiUrl, demoSecrets, E2E_PORTS } from './platform';

export interface Json {
  // biome-ignore lint/suspicious/noExplicitAny: responses are inspected loosely here
  [key: string]: any;
}

/** A storefront's call to the commerce API with the demo key. */
export async function api(method: string, path: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${demoSecrets().demoApiKey}`,
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Json;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export const STORE = 'http://localhost:3000';

export async function priceId(name: RegExp): Promise<string> {
  const products = await api('GET', '/v1/products');
  const product = products.data.find((p: Json) => name.test(p.name));
  return product.prices[0].id;
}

/** An order as a storefront makes it (shipping to Berlin unless told otherwise), then checkout. */
export async function orderAndCheckout(
  options: { fulfillment?: Json; customer?: Json; items?: Json[]; couponCode?: string } = {},
): Promise<{ order: Json; checkout: Json }> {
  const order = await api('POST', '/v1/orders', {
    items: options.items ?? [{ priceId: await priceId(/Ethiopia/), quantity: 2 }],
    customer: options.customer ?? {
      name: 'Ada Shopper',
      email: 'ada@example.com',
      address: { line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
    },
    fulfillment: options.fulfillment ?? { method: 'shipping' },
    ...(options.couponCode ? { couponCode: options.couponCode } : {}),
    returnUrl: `${STORE}/thanks`,
    cancelUrl: `${STORE}/cart`,
  });
  const checkout = await api('POST', `/v1/orders/${order.id}/checkout`, {});
  return { order, checkout };
}

/** Waits until the API says the order is paid (a digital order moves on to FULFILLED). */
export async function waitForPaid(orderId: string) {
  await expect
    .poll(async () => (await api('GET', `/v1/orders/${orderId}`)).status, { timeout: 30_000 })
    .toMatch(/^(PAID|FULFILLED)$/);
}

/**
 * Every state the shopper sees is checked by axe (WCAG 2.2 AA, zero violations) and saved as a
 * screenshot in the test's output directory (the CI artifact).
 */
export async function checkStep(page: Page, info: TestInfo, name: string) {
  await page.waitForLoadState('load');
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  expect(
    result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on ${name}`,
  ).toEqual([]);
}

/** Fills the sandbox card form on `/c/{id}` and presses Pay. */
export async function payWithCard(page: Page, card: string) {
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('Expiry (MM / YY)').fill('12 / 34');
  await page.getByLabel('CVC').fill('123');
  await page.getByTestId('pay').click();
}

/** Keyboard only: Tab until the element has focus (fails after 80 presses). */
export async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 80; i += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target} with Tab`);
}

export const dashboardUrl = `http://localhost:${E2E_PORTS.dashboard}`;
