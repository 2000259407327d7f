import { newId } from '@prood/validators';
import type { Executor } from '../client';
import { newOrderReference } from '../queries/orders';
import { orders, organizations, prices, products } from '../schema';

/** A fresh tenant with a unique slug, so tests sharing one database never collide. */
export async function createTestTenant(db: Executor, overrides: { name?: string } = {}) {
  const id = newId('organization');
  const [row] = await db
    .insert(organizations)
    .values({
      id,
      name: overrides.name ?? `Tenant ${id.slice(-6)}`,
      slug: id.toLowerCase(),
      allowedOrigins: ['https://shop.example'],
    })
    .returning();
  if (!row) throw new Error('tenant insert returned no row');
  return row;
}

export async function createTestProduct(
  db: Executor,
  input: { tenantId: string; unitAmount?: number; currency?: string; stock?: number | null },
) {
  const productId = newId('product');
  await db.insert(products).values({
    id: productId,
    tenantId: input.tenantId,
    name: `Product ${productId.slice(-4)}`,
    trackStock: input.stock !== undefined && input.stock !== null,
    stock: input.stock ?? null,
  });
  const [price] = await db
    .insert(prices)
    .values({
      id: newId('price'),
      tenantId: input.tenantId,
      productId,
      currency: input.currency ?? 'EUR',
      unitAmount: input.unitAmount ?? 1000,
    })
    .returning();
  if (!price) throw new Error('price insert returned no row');
  return { productId, price };
}

export async function createTestOrder(
  db: Executor,
  input: { tenantId: string; total?: number; currency?: string; reference?: string },
) {
  const total = input.total ?? 1000;
  const [row] = await db
    .insert(orders)
    .values({
      id: newId('order'),
      tenantId: input.tenantId,
      reference: input.reference ?? newOrderReference(),
      currency: input.currency ?? 'EUR',
      subtotal: total,
      total,
      customer: { name: 'Ada Shopper', email: 'ada@example.com' },
      customerEmail: 'ada@example.com',
      fulfillment: 'digital',
    })
    .returning();
  if (!row) throw new Error('order insert returned no row');
  return row;
}
