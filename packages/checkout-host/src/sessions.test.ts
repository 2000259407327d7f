import { describe, expect, it } from 'vitest';
import { CheckoutInputError } from './errors';
import { createCheckoutSession, createPaymentLink, loadSession, saveSession } from './sessions';
import { createMemorySessionStore } from './store/memory-store';
import { buildCheckoutSessionUrl, CHECKOUT_SESSION_PATH, resolveCheckoutBaseUrl } from './urls';

const store = createMemorySessionStore();
const valid = {
  orderId: 'ord_1',
  amount: 9999,
  currency: 'EUR',
  tenantId: 'org_1',
  returnUrl: 'https://shop.example/thanks',
  customerInfo: { email: 'a@example.com' },
  fulfillment: 'shipping',
  provider: 'stripe',
} as const;

async function fieldsOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CheckoutInputError);
  return (error as CheckoutInputError).issues.map((i) => i.field);
}

describe('checkout URL helpers', () => {
  it('builds /c/{id} on the base URL without a trailing slash', () => {
    expect(CHECKOUT_SESSION_PATH).toBe('/c');
    expect(resolveCheckoutBaseUrl()).not.toMatch(/\/$/);
    const id = 'cs_0123456789ABCDEFGHIJKL';
    expect(buildCheckoutSessionUrl(id)).toBe(`${resolveCheckoutBaseUrl()}/c/${id}`);
    expect(() => buildCheckoutSessionUrl('../admin')).toThrow(CheckoutInputError);
  });
});

describe('input validation names the field', () => {
  it.each([
    [{ amount: 10.5 }, 'amount'],
    [{ amount: 0 }, 'amount'],
    [{ amount: -5 }, 'amount'],
    [{ amount: 100_000_000 }, 'amount'],
    [{ currency: 'XYZ' }, 'currency'],
    [{ tenantId: '' }, 'tenantId'],
    [{ returnUrl: 'http://shop.example/thanks' }, 'returnUrl'],
    [{ returnUrl: '/relative' }, 'returnUrl'],
    [{ returnUrl: 'javascript:alert(1)' }, 'returnUrl'],
    [{ cancelUrl: 'ftp://x' }, 'cancelUrl'],
    [{ provider: 'paypal' }, 'provider'],
    [{ fulfillment: 'teleport' }, 'fulfillment'],
    [{ customerInfo: { email: 'nope' } }, 'customerInfo.email'],
    [{ expiresIn: 10 }, 'expiresIn'],
    [{ expiresIn: 90_000 }, 'expiresIn'],
  ])('createCheckoutSession %j → %s', async (override, field) => {
    expect(
      await fieldsOf(createCheckoutSession({ ...valid, ...override } as never, { store })),
    ).toContain(field);
  });

  it('allows http only for localhost', async () => {
    for (const returnUrl of ['http://localhost:3000/x', 'http://127.0.0.1/x']) {
      const { id } = await createCheckoutSession({ ...valid, returnUrl }, { store });
      expect((await loadSession(id, { store }))?.returnUrl).toBe(returnUrl);
    }
  });

  it('validates payment links, load and save arguments', async () => {
    expect(
      await fieldsOf(
        createPaymentLink(
          { amount: 1.5, currency: 'KWD', tenantId: 'org_1', description: '' } as never,
          { store },
        ),
      ),
    ).toEqual(expect.arrayContaining(['amount', 'description']));
    expect(await fieldsOf(loadSession('ord_123', { store }))).toEqual(['id']);
    const { id } = await createCheckoutSession(valid, { store });
    const snapshot = await loadSession(id, { store });
    if (!snapshot) throw new Error('missing');
    expect(await fieldsOf(saveSession('cs_0000000000000000000000', snapshot, { store }))).toEqual([
      'snapshot.id',
    ]);
    expect(await fieldsOf(saveSession(id, { ...snapshot, amount: 1.5 }, { store }))).toEqual([
      'snapshot',
    ]);
  });
});
