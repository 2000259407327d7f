import {
  addCartItemQuantity,
  type Cart,
  deleteCartItem,
  type Executor,
  getCart as findCart,
  insertCart,
  insertCartItems,
  listCartItems,
  listCartLines,
  lockCart,
  setCartItemQuantity,
  updateCart,
} from '@prood/db';
import { ApiError, notFound } from '../errors';
import type { TenantContext } from './context';
import { assertInStock, type LineItemRequest, resolveLineItems } from './line-items';

export type CartRow = Cart;

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
  const cart = await lockCart(db, { tenantId: ctx.tenantId, cartId });
  if (!cart) throw notFound('cart');
  if (cart.orderId) throw new ApiError('cart_closed', 'This cart has already been ordered.');
  if (cart.expiresAt <= new Date()) throw new ApiError('cart_closed', 'This cart has expired.');
  return cart;
}

/** Re-validates the whole cart (prices, currency, stock) after a change, then extends it. */
async function revalidate(db: Executor, ctx: TenantContext, cart: CartRow, ttlMs: number) {
  const rows = await listCartItems(db, { tenantId: ctx.tenantId, cartId: cart.id });
  const lines = rows.length
    ? await resolveLineItems(
        db,
        ctx.tenantId,
        rows.map((r) => ({ priceId: r.priceId, quantity: r.quantity })),
      )
    : [];
  assertInStock(lines);
  await updateCart(db, {
    tenantId: ctx.tenantId,
    cartId: cart.id,
    currency: lines[0]?.price.currency ?? cart.currency,
    expiresAt: new Date(Date.now() + ttlMs),
  });
}

export async function createCart(
  ctx: TenantContext,
  input: { items: LineItemRequest[] },
  ttlMs: number,
): Promise<CartView> {
  const id = await ctx.db.transaction(async (tx) => {
    const lines = input.items.length ? await resolveLineItems(tx, ctx.tenantId, input.items) : [];
    const cartId = await insertCart(tx, {
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
    await insertCartItems(tx, {
      tenantId: ctx.tenantId,
      cartId,
      items: [...merged].map(([priceId, m]) => ({
        productId: m.productId,
        priceId,
        quantity: m.quantity,
      })),
    });
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
    await addCartItemQuantity(tx, {
      tenantId: ctx.tenantId,
      cartId,
      productId: line.product.id,
      priceId: line.price.id,
      quantity: item.quantity,
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
    const updated = await setCartItemQuantity(tx, {
      tenantId: ctx.tenantId,
      cartId,
      itemId,
      quantity,
    });
    if (!updated) throw notFound('cart item');
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
    const removed = await deleteCartItem(tx, { tenantId: ctx.tenantId, cartId, itemId });
    if (!removed) throw notFound('cart item');
    await revalidate(tx, ctx, cart, ttlMs);
  });
  return getCart(ctx, cartId);
}

export async function getCart(ctx: TenantContext, cartId: string): Promise<CartView> {
  const cart = await findCart(ctx.db, { tenantId: ctx.tenantId, cartId });
  if (!cart) throw notFound('cart');
  const rows = await listCartLines(ctx.db, { tenantId: ctx.tenantId, cartId });
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
