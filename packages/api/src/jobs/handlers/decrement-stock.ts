import type { Database } from '@prood/db';
import { decrementProductStock, listOrderItems, lockProductStock } from '@prood/db';
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
        // a line without a product (an invoice link's amount) holds no stock
        if (!item.productId) continue;
        const before = await lockProductStock(tx, { ...data, productId: item.productId });
        if (!before || before.stock === null) continue;
        if (before.stock < item.quantity) {
          shortfalls.push({ productId: item.productId, missing: item.quantity - before.stock });
        }
        await decrementProductStock(tx, {
          ...data,
          productId: item.productId,
          quantity: item.quantity,
        });
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
