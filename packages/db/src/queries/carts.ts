import { newId } from '@prood/validators';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { cartItems, carts, prices, products } from '../schema';
import { scoped, type TenantScope } from './scope';

export type Cart = typeof carts.$inferSelect;
export type CartItem = typeof cartItems.$inferSelect;

/** A cart with its lines, each with the product's name and the price's amount. */
export interface CartLine {
  id: string;
  productId: string;
  priceId: string;
  quantity: number;
  title: string;
  unitAmount: number;
}

export async function getCart(
  db: Executor,
  scope: TenantScope & { cartId: string },
): Promise<Cart | undefined> {
  const [row] = await db
    .select()
    .from(carts)
    .where(scoped(carts, scope, eq(carts.id, scope.cartId)));
  return row;
}

/** The cart's row locked `FOR UPDATE` for the rest of the caller's transaction. */
export async function lockCart(
  tx: Executor,
  scope: TenantScope & { cartId: string },
): Promise<Cart | undefined> {
  const [row] = await tx
    .select()
    .from(carts)
    .where(scoped(carts, scope, eq(carts.id, scope.cartId)))
    .for('update');
  return row;
}

export async function insertCart(
  db: Executor,
  scope: TenantScope & { currency: string; expiresAt: Date },
): Promise<string> {
  const id = newId('cart');
  await db
    .insert(carts)
    .values({ id, tenantId: scope.tenantId, currency: scope.currency, expiresAt: scope.expiresAt });
  return id;
}

export async function updateCart(
  db: Executor,
  scope: TenantScope & { cartId: string; currency: string; expiresAt: Date },
): Promise<void> {
  await db
    .update(carts)
    .set({ currency: scope.currency, expiresAt: scope.expiresAt })
    .where(scoped(carts, scope, eq(carts.id, scope.cartId)));
}

export async function listCartItems(
  db: Executor,
  scope: TenantScope & { cartId: string },
): Promise<CartItem[]> {
  return db
    .select()
    .from(cartItems)
    .where(scoped(cartItems, scope, eq(cartItems.cartId, scope.cartId)));
}

/** The cart's lines with product name and unit amount, in the order they were added. */
export async function listCartLines(
  db: Executor,
  scope: TenantScope & { cartId: string },
): Promise<CartLine[]> {
  return db
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
    .where(scoped(cartItems, scope, eq(cartItems.cartId, scope.cartId)))
    .orderBy(cartItems.createdAt, cartItems.id);
}

export async function insertCartItems(
  db: Executor,
  scope: TenantScope & {
    cartId: string;
    items: Array<{ productId: string; priceId: string; quantity: number }>;
  },
): Promise<void> {
  if (scope.items.length === 0) return;
  await db.insert(cartItems).values(
    scope.items.map((item) => ({
      id: newId('cartItem'),
      tenantId: scope.tenantId,
      cartId: scope.cartId,
      ...item,
    })),
  );
}

/** Adds a line, or adds its quantity to the cart's line with the same price. */
export async function addCartItemQuantity(
  db: Executor,
  scope: TenantScope & { cartId: string; productId: string; priceId: string; quantity: number },
): Promise<void> {
  await db
    .insert(cartItems)
    .values({
      id: newId('cartItem'),
      tenantId: scope.tenantId,
      cartId: scope.cartId,
      productId: scope.productId,
      priceId: scope.priceId,
      quantity: scope.quantity,
    })
    .onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.priceId],
      set: { quantity: sql`${cartItems.quantity} + ${scope.quantity}` },
    });
}

/** Sets a line's quantity; `false` when the cart has no such line. */
export async function setCartItemQuantity(
  db: Executor,
  scope: TenantScope & { cartId: string; itemId: string; quantity: number },
): Promise<boolean> {
  const updated = await db
    .update(cartItems)
    .set({ quantity: scope.quantity })
    .where(
      scoped(
        cartItems,
        scope,
        and(eq(cartItems.id, scope.itemId), eq(cartItems.cartId, scope.cartId)),
      ),
    )
    .returning({ id: cartItems.id });
  return updated.length > 0;
}

/** Removes a line; `false` when the cart has no such line. */
export async function deleteCartItem(
  db: Executor,
  scope: TenantScope & { cartId: string; itemId: string },
): Promise<boolean> {
  const removed = await db
    .delete(cartItems)
    .where(
      scoped(
        cartItems,
        scope,
        and(eq(cartItems.id, scope.itemId), eq(cartItems.cartId, scope.cartId)),
      ),
    )
    .returning({ id: cartItems.id });
  return removed.length > 0;
}

/**
 * Closes a cart for the order made from it, only if no order has it yet (compare-and-set);
 * `false` when another order got there first.
 */
export async function closeCartForOrder(
  db: Executor,
  scope: TenantScope & { cartId: string; orderId: string },
): Promise<boolean> {
  const closed = await db
    .update(carts)
    .set({ orderId: scope.orderId })
    .where(scoped(carts, scope, and(eq(carts.id, scope.cartId), isNull(carts.orderId))))
    .returning({ id: carts.id });
  return closed.length > 0;
}

/** Deletes carts, of every tenant, that expired before `before` without becoming an order. */
export async function deleteExpiredCarts(
  db: Executor,
  { before }: { before: Date },
): Promise<number> {
  const rows = await db
    .delete(carts)
    .where(and(sql`${carts.expiresAt} < ${before}`, sql`${carts.orderId} is null`))
    .returning({ id: carts.id });
  return rows.length;
}
