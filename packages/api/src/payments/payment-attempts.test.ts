import { getPaymentAttemptBySession } from '@prood/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiError } from '../errors';
import { recordProviderSessionStarted } from './payment-attempts';
import {
  createPayableOrder,
  createPaymentsHarness,
  createSandboxTenant,
  type PaymentsHarness,
} from './testing';

let h: PaymentsHarness;
beforeAll(async () => {
  h = await createPaymentsHarness(inject('databaseUrl'));
});
afterAll(async () => {
  await h?.close();
});

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof ApiError ? error.code : undefined;
}

describe('the provider session reported by the checkout app', () => {
  it("is stored on the order's attempt; another tenant's session or a bad body changes nothing", async () => {
    const a = await createSandboxTenant(h.db);
    const b = await createSandboxTenant(h.db);
    const order = await createPayableOrder(h.db, a.tenantId);
    const checkoutSessionId = order.checkoutSessionId ?? '';
    const report = { checkoutSessionId, provider: 'sandbox', providerSessionId: 'sbx_cs_reported' };

    expect(
      await codeOf(recordProviderSessionStarted(h.db, { ...report, tenantId: b.tenantId })),
    ).toBe('not_found');
    expect(
      await codeOf(
        recordProviderSessionStarted(h.db, { ...report, tenantId: a.tenantId, extra: 1 }),
      ),
    ).toBe('validation_error');
    expect(
      (await getPaymentAttemptBySession(h.db, { tenantId: a.tenantId, checkoutSessionId }))
        ?.providerSessionId,
    ).toBeNull();

    await recordProviderSessionStarted(h.db, { ...report, tenantId: a.tenantId });
    expect(
      await getPaymentAttemptBySession(h.db, { tenantId: a.tenantId, checkoutSessionId }),
    ).toMatchObject({ providerSessionId: 'sbx_cs_reported', provider: 'sandbox', status: 'open' });
  });
});
