import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '@prood/validators';
import { eq } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createDatabase } from './client';
import { MIGRATIONS_FOLDER } from './migrate';
import { newOrderReference } from './queries/orders';
import { orderItems, orders, paymentLinks } from './schema';
import {
  createScratchDatabase,
  createTestProduct,
  createTestTenant,
  dropScratchDatabase,
} from './testing';

/*
 * The migration that lets an order line name no product (an invoice link's payment), applied to
 * a database that already holds orders and invoice links made before it: nothing is lost, old
 * lines keep their product, and the new rules hold from then on.
 */

const TAG = /_invoice_link_orders$/;

/** A copy of the migrations folder whose journal stops just before this migration. */
async function foldersBeforeAndAfter() {
  const dir = await mkdtemp(join(tmpdir(), 'prood-migrations-'));
  await cp(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as {
    entries: Array<{ tag: string }>;
  };
  const at = journal.entries.findIndex((e) => TAG.test(e.tag));
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  await writeFile(journalPath, JSON.stringify(journal));
  return dir;
}

describe('migration invoice_link_orders', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('keeps existing orders and invoice links, then allows product-less lines, once per link', async () => {
    const url = await createScratchDatabase(inject('databaseServerUrl'), 'prood_linkorders');
    cleanup.push(() => dropScratchDatabase(url));
    const before = await foldersBeforeAndAfter();
    cleanup.push(() => rm(before, { recursive: true, force: true }));
    const db = createDatabase(url, { max: 1 });
    cleanup.push(() => db.$client.end({ timeout: 5 }));

    await migrate(db, { migrationsFolder: before });
    // what a database holds before the migration: a product order, an unpaid and a paid invoice link
    const tenant = await createTestTenant(db);
    const { productId, price } = await createTestProduct(db, { tenantId: tenant.id });
    const orderId = newId('order');
    await db.insert(orders).values({
      id: orderId,
      tenantId: tenant.id,
      reference: newOrderReference(),
      currency: 'EUR',
      subtotal: 500,
      total: 500,
      customer: { name: 'Ada', email: 'ada@example.com' },
      customerEmail: 'ada@example.com',
      fulfillment: 'digital',
    });
    const line = {
      tenantId: tenant.id,
      orderId,
      title: 'Mug',
      unitAmount: 500,
      quantity: 1,
      lineSubtotal: 500,
      lineTotal: 500,
    };
    await db
      .insert(orderItems)
      .values({ ...line, id: newId('orderItem'), productId, priceId: price.id });
    const unpaid = newId('paymentLink');
    const paid = newId('paymentLink');
    await db.insert(paymentLinks).values([
      {
        id: unpaid,
        tenantId: tenant.id,
        kind: 'invoice',
        amount: 900,
        currency: 'EUR',
        description: 'Open',
      },
      {
        id: paid,
        tenantId: tenant.id,
        kind: 'invoice',
        amount: 400,
        currency: 'EUR',
        description: 'Done',
        paidAt: new Date(),
        providerPaymentId: 'sbx_pay_old',
      },
    ]);

    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });

    const kept = await db.select().from(orderItems).where(eq(orderItems.orderId, orderId));
    expect(kept).toEqual([expect.objectContaining({ productId, priceId: price.id })]);
    expect((await db.select().from(paymentLinks)).map((l) => l.id).sort()).toEqual(
      [unpaid, paid].sort(),
    );

    // the unpaid link's payment: an order paying the link's session, with a line naming no product
    const linkOrder = newId('order');
    const linkOrderRow = {
      id: linkOrder,
      tenantId: tenant.id,
      reference: newOrderReference(),
      currency: 'EUR',
      subtotal: 900,
      total: 900,
      customer: { name: '', email: '' },
      customerEmail: '',
      fulfillment: 'digital' as const,
      checkoutSessionId: unpaid,
      paymentLinkId: unpaid,
    };
    await db.insert(orders).values(linkOrderRow);
    await db.insert(orderItems).values({
      ...line,
      id: newId('orderItem'),
      orderId: linkOrder,
      productId: null,
      priceId: null,
      title: 'Open',
      unitAmount: 900,
      lineSubtotal: 900,
      lineTotal: 900,
    });
    // a line names its product and its price, or neither
    await expect(
      db.insert(orderItems).values({ ...line, id: newId('orderItem'), productId, priceId: null }),
    ).rejects.toThrow();
    // and one invoice link pays one order
    await expect(
      db
        .insert(orders)
        .values({ ...linkOrderRow, id: newId('order'), reference: newOrderReference() }),
    ).rejects.toThrow();
  });
});
