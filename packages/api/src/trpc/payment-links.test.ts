import { randomUUID } from 'node:crypto';
import { createDatabase, type Database } from '@prood/db';
import { members } from '@prood/db/schema';
import { createTestProduct } from '@prood/db/testing';
import { createRateLimiter } from '@prood/http/rate-limit';
import { TRPCClientError } from '@trpc/client';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveDashboardApi, signUpMerchant } from '../testing/dashboard-api';

let db: Database;
let server: Awaited<ReturnType<typeof serveDashboardApi>>;

beforeAll(async () => {
  db = createDatabase(inject('databaseUrl'), { max: 4 });
  server = await serveDashboardApi(
    db,
    createRateLimiter({
      prefix: `test:${randomUUID()}`,
      policies: { signUp: { limit: 10_000, window: '1 h' } },
    }),
  );
});
afterAll(async () => {
  await server?.close();
  await db?.$client.end();
});

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = error.data as { code?: string; appCode?: string };
      return { code: data.code, appCode: data.appCode };
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('paymentLinks tRPC for the dashboard', () => {
  it('an admin creates and disables a product link; the list and the detail show it', async () => {
    const a = await signUpMerchant(server.url, 'lina');
    const { productId, price } = await createTestProduct(db, {
      tenantId: a.tenantId,
      unitAmount: 1999,
    });
    const link = await a.client.paymentLinks.create.mutate({
      kind: 'product',
      priceId: price.id,
      quantity: 1,
    });
    expect(link).toMatchObject({ kind: 'product', amount: 1999, productId, active: true });
    expect(link.url).toBe(`http://localhost:3004/l/${link.id}`);
    const page = await a.client.paymentLinks.list.query({});
    expect(page.links.map((l) => l.id)).toEqual([link.id]);
    expect(page.nextCursor).toBeNull();
    const off = await a.client.paymentLinks.update.mutate({
      id: link.id,
      patch: { active: false },
    });
    expect(off.active).toBe(false);
    const detail = await a.client.paymentLinks.get.query({ id: link.id });
    expect(detail).toMatchObject({ link: { id: link.id, active: false }, orders: [] });
  });

  it('a member reads links but cannot create or disable them', async () => {
    const a = await signUpMerchant(server.url, 'milo');
    const { price } = await createTestProduct(db, { tenantId: a.tenantId });
    const link = await a.client.paymentLinks.create.mutate({
      kind: 'product',
      priceId: price.id,
      quantity: 1,
    });
    await db.update(members).set({ role: 'member' }).where(eq(members.organizationId, a.tenantId));
    expect((await a.client.paymentLinks.list.query({})).links).toHaveLength(1);
    expect((await a.client.paymentLinks.get.query({ id: link.id })).link.active).toBe(true);
    expect(
      (
        await refusal(
          a.client.paymentLinks.create.mutate({ kind: 'product', priceId: price.id, quantity: 1 }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await refusal(
          a.client.paymentLinks.update.mutate({ id: link.id, patch: { active: false } }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    expect((await a.client.paymentLinks.get.query({ id: link.id })).link.active).toBe(true);
  });

  it("another tenant's link is NOT_FOUND and bad input is BAD_REQUEST", async () => {
    const a = await signUpMerchant(server.url, 'nora');
    const b = await signUpMerchant(server.url, 'otto');
    const { price } = await createTestProduct(db, { tenantId: a.tenantId });
    const link = await a.client.paymentLinks.create.mutate({
      kind: 'product',
      priceId: price.id,
      quantity: 1,
    });
    expect((await refusal(b.client.paymentLinks.get.query({ id: link.id }))).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (
        await refusal(
          b.client.paymentLinks.update.mutate({ id: link.id, patch: { active: false } }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await refusal(
          b.client.paymentLinks.create.mutate({ kind: 'product', priceId: price.id, quantity: 1 }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect((await refusal(a.client.paymentLinks.list.query({ cursor: 'nope' }))).code).toBe(
      'BAD_REQUEST',
    );
    expect(
      (
        await refusal(
          a.client.paymentLinks.create.mutate({
            kind: 'invoice',
            amount: -5,
            currency: 'EUR',
            description: '',
          }),
        )
      ).code,
    ).toBe('BAD_REQUEST');
  });
});
