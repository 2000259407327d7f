import { type Executor, scoped } from '@prood/db';
import { cartItems, carts, prices, products } from '@prood/db/schema';
import { newId } from '@prood/validators';
import { and, eq, sql } from 'drizzle-orm';
import { ApiError, notFound } from '../errors';
import type { TenantContext } from './context';
import { assertInStock, type LineItemRequest, resolveLineItems } from './line-items';

export type CartRow = typeof carts.$inferSelect;

export interface CartView {
  id: string;
  object: 'cart';
  currency: string | null;
  expiresAt: string;
  orderId: string | null;
  items: Array<{
    id: string;
    productId: string;
    priceId: string;
    title: string;
    unitAmount: number;
    quantity: number;
  }>;
  subtotal: number;
}

async function loadOpenCart(db: Executor, ctx: TenantContext, cartId: string): Promise<CartRow> {
  const [cart] = await db
    .select()
    .from(carts)
    .where(scoped(carts, ctx, eq(carts.id, cartId)))
    .for('update');
  if (!cart) throw notFound('cart');
  if (cart.orderId) throw new ApiError('cart_closed', 'This cart has already been ordered.');
  if (cart.expiresAt <= new Date()) throw new ApiError('cart_closed', 'This cart has expired.');
  return cart;
}

/** Re-validates the whole cart (prices, currency, stock) after a change, then extends it. */
async function revalidate(db: Executor, ctx: TenantContext, cart: CartRow, ttlMs: number) {
  const rows = await db
    .select()
    .from(cartItems)
    .where(scoped(cartItems, ctx, eq(cartItems.cartId, cart.id)));
  const lines = rows.length
    ? await resolveLineItems(
        db,
        ctx.tenantId,
        rows.map((r) => ({ priceId: r.priceId, quantity: r.quantity })),
      )
    : [];
  assertInStock(lines);
  await db
    .update(carts)
    .set({
      currency: lines[0]?.price.currency ?? cart.currency,
      expiresAt: new Date(Date.now() + ttlMs),
    })
    .where(scoped(carts, ctx, eq(carts.id, cart.id)));
}

export async function createCart(
  ctx: TenantContext,
  input: { items: LineItemRequest[] },
  ttlMs: number,
): Promise<CartView> {
  const id = await ctx.db.transaction(async (tx) => {
    const lines = input.items.length ? await resolveLineItems(tx, ctx.tenantId, input.items) : [];
    const cartId = newId('cart');
    await tx.insert(carts).values({
      id: cartId,
      tenantId: ctx.tenantId,
      currency: lines[0]?.price.currency ?? 'XXX',
      expiresAt: new Date(Date.now() + ttlMs),
    });
    // Several lines with one price merge into one cart line.
    const merged = new Map<string, { productId: string; quantity: number }>();
    for (const l of lines) {
      const m = merged.get(l.price.id) ?? { productId: l.product.id, quantity: 0 };
      m.quantity += l.quantity;
      merged.set(l.price.id, m);
    }
    if (merged.size) {
      await tx.insert(cartItems).values(
        [...merged].map(([priceId, m]) => ({
          id: newId('cartItem'),
          tenantId: ctx.tenantId,
          cartId,
          productId: m.productId,
          priceId,
          quantity: m.quantity,
        })),
      );
    }
    return cartId;
  });
  return getCart(ctx, id);
}

export async function addCartItem(
  ctx: TenantContext,
  cartId: string,
  item: LineItemRequest,
  ttlMs: number,
): Promise<CartView> {
  await ctx.db.transaction(async (tx) => {
    const cart = await loadOpenCart(tx, ctx, cartId);
    const [line] = await resolveLineItems(tx, ctx.tenantId, [item], 'item');
    if (!line) throw new Error('unreachable: one item resolves to one line');
    await tx
      .insert(cartItems)
      .values({
        id: newId('cartItem'),
        tenantId: ctx.tenantId,
        cartId,
        productId: line.product.id,
        priceId: line.price.id,
        quantity: item.quantity,
      })
      .onConflictDoUpdate({
        target: [cartItems.cartId, cartItems.priceId],
        set: { quantity: sql`${cartItems.quantity} + ${item.quantity}` },
      });
    await revalidate(tx, ctx, cart, ttlMs);
  });
  return getCart(ctx, cartId);
}

export async function updateCartItem(
  ctx: TenantContext,
  cartId: string,
  itemId: string,
  quantity: number,
  ttlMs: number,
): Promise<CartView> {
  await ctx.db.transaction(async (tx) => {
    const cart = await loadOpenCart(tx, ctx, cartId);
    const updated = await tx
      .update(cartItems)
      .set({ quantity })
      .where(scoped(cartItems, ctx, and(eq(cartItems.id, itemId), eq(cartItems.cartId, cartId))))
      .returning({ id: cartItems.id });
    if (updated.length === 0) throw notFound('cart item');
    await revalidate(tx, ctx, cart, ttlMs);
  });
  return getCart(ctx, cartId);
}

export async function removeCartItem(
  ctx: TenantContext,
  cartId: string,
  itemId: string,
  ttlMs: number,
): Promise<CartView> {
  await ctx.db.transaction(async (tx) => {
    const cart = await loadOpenCart(tx, ctx, cartId);
    const removed = await tx
      .delete(cartItems)
      .where(scoped(cartItems, ctx, and(eq(cartItems.id, itemId), eq(cartItems.cartId, cartId))))
      .returning({ id: cartItems.id });
    if (removed.length === 0) throw notFound('cart item');
    await revalidate(tx, ctx, cart, ttlMs);
  });
  return getCart(ctx, cartId);
}

export async function getCart(ctx: TenantContext, cartId: string): Promise<CartView> {
  const [cart] = await ctx.db
    .select()
    .from(carts)
    .where(scoped(carts, ctx, eq(carts.id, cartId)));
  if (!cart) throw notFound('cart');
  const rows = await ctx.db
    .select({
      id: cartItems.id,
      productId: cartItems.productId,
      priceId: cartItems.priceId,
      quantity: cartItems.quantity,
      title: products.name,
      unitAmount: prices.unitAmount,
    })
    .from(cartItems)
    .innerJoin(prices, eq(prices.id, cartItems.priceId))
    .innerJoin(products, eq(products.id, cartItems.productId))
    .where(scoped(cartItems, ctx, eq(cartItems.cartId, cartId)))
    .orderBy(cartItems.createdAt, cartItems.id);
  return {
    id: cart.id,
    object: 'cart',
    currency: cart.currency === 'XXX' ? null : cart.currency,
    expiresAt: cart.expiresAt.toISOString(),
    orderId: cart.orderId,
    items: rows,
    subtotal: rows.reduce((a, r) => a + r.unitAmount * r.quantity, 0),
  };
}

/** Deletes carts that expired without becoming an order (run by a job). */
export async function deleteExpiredCarts(db: Executor, before = new Date()): Promise<number> {
  const rows = await db
    .delete(carts)
    .where(and(sql`${carts.expiresAt} < ${before}`, sql`${carts.orderId} is null`))
    .returning({ id: carts.id });
  return rows.length;
}
