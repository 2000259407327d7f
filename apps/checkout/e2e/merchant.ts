import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { apiUrl, E2E_PORTS } from './platform';

export const dashboardUrl = `http://localhost:${E2E_PORTS.dashboard}`;

/**
 * A brand-new merchant, signed up through the dashboard's own form: each spec makes its own,
 * so no spec depends on another or on the demo tenant.
 */
export async function signUpMerchant(page: Page, name: string) {
  const email = `${name.toLowerCase()}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  await page.goto(`${dashboardUrl}/sign-up`);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a-long-enough-password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `${name}'s organization` }),
  ).toBeVisible();
  return { email };
}

/** A dashboard tRPC mutation with the page's session, for data the UI has no form for yet. */
export async function dashboardMutation<T>(page: Page, path: string, input: unknown): Promise<T> {
  const res = await page.request.post(`${dashboardUrl}/api/trpc/${path}`, {
    data: { json: input },
    headers: { origin: dashboardUrl },
  });
  const body = (await res.json()) as { result?: { data?: { json?: T } } };
  expect(res.status(), JSON.stringify(body)).toBe(200);
  return body.result?.data?.json as T;
}

/** Screenshots at desktop and phone width, and axe (WCAG 2.2 AA tags) with zero violations. */
export async function lookAt(page: Page, name: string) {
  for (const [size, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    await page.setViewportSize(viewport);
    // nothing wider than the phone: no sideways scrolling
    if (size === 'phone') {
      // measured once the page has laid itself out for the new width (charts measure their box
      // a frame or two after a resize); a page that stays too wide still fails
      await expect
        .poll(
          () =>
            page.evaluate(
              () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
            ),
          { message: `${name} overflows at 390px`, timeout: 5_000 },
        )
        .toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: test.info().outputPath(`${name}-${size}.png`), fullPage: true });
    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    expect(
      axe.violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      ),
      name,
    ).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

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

/**
 * The signed-in merchant's sandbox store: the sandbox connected through Integrations, a
 * storefront key, one product and the storefront origin allowed. Returns the REST caller.
 */
export async function openSandboxStore(
  page: Page,
  product: { name: string; price: { currency: string; unitAmount: number } },
) {
  await page.getByRole('link', { name: 'Integrations' }).click();
  await page.getByRole('link', { name: 'Connect Sandbox' }).click();
  await page.getByRole('button', { name: 'Connect the sandbox' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Sandbox connected' })).toBeVisible();
  const api = await storefront(page);
  await dashboardMutation(page, 'catalog.create', product);
  await dashboardMutation(page, 'settings.updateOrganization', {
    allowedOrigins: ['http://localhost:3000'],
  });
  return api;
}
