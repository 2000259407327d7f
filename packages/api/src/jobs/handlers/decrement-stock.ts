import type { Database } from '@prood/db';
import { listOrderItems, scoped } from '@prood/db';
import { products } from '@prood/db/schema';
import { and, eq, sql } from 'drizzle-orm';
import { logOrderEffect } from '../../payments/order-effects';
import type { OrderJobData } from '../queues';

/**
 * Takes a paid order's quantities off stock, once per order (the fulfilment log guards it).
 * Stock never goes below zero; a shortfall is recorded for the merchant instead.
 */
export async function decrementStock(
  db: Database,
  data: OrderJobData,
): Promise<'done' | 'skipped'> {
  return db
    .transaction(async (tx) => {
      const items = await listOrderItems(tx, data);
      const shortfalls: Array<{ productId: string; missing: number }> = [];
      for (const item of items) {
        const [before] = await tx
          .select({ stock: products.stock })
          .from(products)
          .where(
            scoped(products, data, eq(products.id, item.productId), eq(products.trackStock, true)),
          )
          .for('update');
        if (!before || before.stock === null) continue;
        if (before.stock < item.quantity) {
          shortfalls.push({ productId: item.productId, missing: item.quantity - before.stock });
        }
        await tx
          .update(products)
          .set({ stock: sql`greatest(${products.stock} - ${item.quantity}, 0)` })
          .where(and(scoped(products, data, eq(products.id, item.productId))));
      }
      const first = await logOrderEffect(tx, {
        ...data,
        event: 'stock_decremented',
        details: { items: items.length, shortfalls },
      });
      // already done by an earlier run: throwing rolls this run's updates back
      if (!first) throw new StockAlreadyDecremented();
      return 'done' as const;
    })
    .catch((error: unknown) => {
      if (error instanceof StockAlreadyDecremented) return 'skipped' as const;
      throw error;
    });
}

class StockAlreadyDecremented extends Error {}
