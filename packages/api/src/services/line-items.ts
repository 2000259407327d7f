import { type Executor, listPrices, listProducts, type Price, type Product } from '@prood/db';
import { ApiError } from '../errors';

export interface LineItemRequest {
  productId?: string | undefined;
  priceId?: string | undefined;
  quantity: number;
}

export interface ResolvedLineItem {
  product: Product;
  price: Price;
  quantity: number;
}

/**
 * Turns `[{ productId | priceId, quantity }]` into server-side products and prices of one
 * tenant, checking that each is active, sold in one currency and in stock. Another tenant's
 * ids are simply not found. Prices always come from here, never from the client.
 */
export async function resolveLineItems(
  db: Executor,
  tenantId: string,
  requested: readonly LineItemRequest[],
  field = 'items',
): Promise<ResolvedLineItem[]> {
  const priceIds = requested.flatMap((r) => (r.priceId ? [r.priceId] : []));
  const productIds = requested.flatMap((r) => (r.productId ? [r.productId] : []));
  // independent reads, sent together; a product id alone buys its first active one-off price
  const [priceRows, defaultPriceRows] = await Promise.all([
    priceIds.length ? listPrices(db, { tenantId, priceIds }) : [],
    productIds.length ? listPrices(db, { tenantId, productIds, activeOnly: true }) : [],
  ]);
  const allProductIds = [...new Set([...productIds, ...priceRows.map((p) => p.productId)])];
  const productRows = allProductIds.length
    ? await listProducts(db, { tenantId, productIds: allProductIds })
    : [];

  const resolved = requested.map((item, index): ResolvedLineItem => {
    const at = `${field}[${index}]`;
    let price: Price | undefined;
    if (item.priceId) {
      price = priceRows.find((p) => p.id === item.priceId);
      if (!price) throw new ApiError('not_found', 'No such price.', { field: `${at}.priceId` });
    } else {
      if (!productRows.some((p) => p.id === item.productId)) {
        throw new ApiError('not_found', 'No such product.', { field: `${at}.productId` });
      }
      price = defaultPriceRows.find((p) => p.productId === item.productId);
      if (!price) {
        throw new ApiError('price_inactive', 'This product has no active price.', {
          field: `${at}.productId`,
        });
      }
    }
    const product = productRows.find((p) => p.id === price.productId);
    if (!product) throw new ApiError('not_found', 'No such product.', { field: at });
    if (!product.active) {
      throw new ApiError('product_inactive', `“${product.name}” is not for sale.`, { field: at });
    }
    if (!price.active) {
      throw new ApiError(
        'price_inactive',
        `This price of “${product.name}” is no longer offered.`,
        {
          field: at,
        },
      );
    }
    return { product, price, quantity: item.quantity };
  });

  const currencies = new Set(resolved.map((r) => r.price.currency));
  if (currencies.size > 1) {
    throw new ApiError('currency_mismatch', 'All items must be priced in one currency.', {
      field,
      currencies: [...currencies],
    });
  }
  const kinds = new Set(resolved.map((r) => r.price.type));
  if (kinds.size > 1) {
    throw new ApiError(
      'recurring_price_not_allowed',
      'One-off and recurring prices cannot be mixed in one order.',
      { field },
    );
  }
  assertInStock(resolved, field);
  return resolved;
}

/** Stock is checked per product over all lines that buy it. */
export function assertInStock(lines: readonly ResolvedLineItem[], field = 'items'): void {
  const wanted = new Map<string, { product: Product; quantity: number }>();
  for (const line of lines) {
    const entry = wanted.get(line.product.id) ?? { product: line.product, quantity: 0 };
    entry.quantity += line.quantity;
    wanted.set(line.product.id, entry);
  }
  for (const { product, quantity } of wanted.values()) {
    if (product.trackStock && (product.stock ?? 0) < quantity) {
      throw new ApiError('out_of_stock', `Only ${product.stock ?? 0} of “${product.name}” left.`, {
        field,
        productId: product.id,
        available: product.stock ?? 0,
      });
    }
  }
}
