import { getProduct, listPrices, listProducts, type Price, type Product } from '@prood/db';
import { notFound } from '../errors';
import type { TenantContext } from './context';

export interface ProductWithPrices extends Product {
  prices: Price[];
}

/** Active products with their active prices, as the storefront sees them. */
export async function listCatalog(ctx: TenantContext): Promise<ProductWithPrices[]> {
  const products = await listProducts(ctx.db, { tenantId: ctx.tenantId, activeOnly: true });
  if (products.length === 0) return [];
  const prices = await listPrices(ctx.db, {
    tenantId: ctx.tenantId,
    productIds: products.map((p) => p.id),
  });
  return products.map((product) => ({
    ...product,
    prices: prices.filter((price) => price.productId === product.id && price.active),
  }));
}

export async function getCatalogProduct(
  ctx: TenantContext,
  productId: string,
): Promise<ProductWithPrices> {
  const product = await getProduct(ctx.db, { tenantId: ctx.tenantId, productId });
  if (!product?.active) throw notFound('product');
  const prices = await listPrices(ctx.db, { tenantId: ctx.tenantId, productIds: [product.id] });
  return { ...product, prices: prices.filter((p) => p.active) };
}
