import {
  archivePrice,
  getProduct,
  insertPrice,
  insertProduct,
  listPrices,
  listProducts,
  updateProduct,
} from '@prood/db';
import { idSchema } from '@prood/validators';
import { z } from 'zod';
import { notFound } from '../../errors';
import { currencyCode, minorUnits } from '../../schemas';
import { adminProcedure, router, tenantProcedure } from '../init';

const priceInput = z
  .object({
    currency: currencyCode,
    unitAmount: minorUnits,
    type: z.enum(['one_time', 'recurring']).default('one_time'),
    recurringInterval: z.enum(['day', 'week', 'month', 'year']).optional(),
    recurringIntervalCount: z.number().int().min(1).max(12).optional(),
    taxBehavior: z.enum(['inclusive', 'exclusive']).default('exclusive'),
  })
  .refine((p) => (p.type === 'recurring') === Boolean(p.recurringInterval), {
    message: 'recurring prices need an interval, one-off prices none',
    path: ['recurringInterval'],
  });

export const catalogRouter = router({
  list: tenantProcedure.query(async ({ ctx }) => {
    const rows = await listProducts(ctx.db, { tenantId: ctx.tenantId });
    const priceRows = await listPrices(ctx.db, { tenantId: ctx.tenantId });
    return rows.map((p) => ({ ...p, prices: priceRows.filter((x) => x.productId === p.id) }));
  }),
  get: tenantProcedure
    .input(z.object({ id: idSchema('product') }))
    .query(async ({ ctx, input }) => {
      const product = await getProduct(ctx.db, { tenantId: ctx.tenantId, productId: input.id });
      if (!product) throw notFound('product');
      return {
        ...product,
        prices: await listPrices(ctx.db, { tenantId: ctx.tenantId, productIds: [product.id] }),
      };
    }),
  create: adminProcedure
    .input(
      z.object({
        name: z.string().trim().min(1).max(200),
        description: z.string().trim().max(2000).optional(),
        trackStock: z.boolean().default(false),
        stock: z.number().int().min(0).optional(),
        price: priceInput,
      }),
    )
    .mutation(async ({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const product = await insertProduct(tx, {
          tenantId: ctx.tenantId,
          product: {
            name: input.name,
            description: input.description ?? null,
            trackStock: input.trackStock,
            stock: input.trackStock ? (input.stock ?? 0) : null,
          },
        });
        const price = await insertPrice(tx, {
          tenantId: ctx.tenantId,
          productId: product.id,
          price: input.price,
        });
        return { ...product, prices: [price] };
      }),
    ),
  update: adminProcedure
    .input(
      z.object({
        id: idSchema('product'),
        name: z.string().trim().min(1).max(200).optional(),
        description: z.string().trim().max(2000).nullable().optional(),
        active: z.boolean().optional(),
        stock: z.number().int().min(0).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { id, ...changes } = input;
      const row = await updateProduct(ctx.db, { tenantId: ctx.tenantId, productId: id, changes });
      if (!row) throw notFound('product');
      return row;
    }),
  addPrice: adminProcedure
    .input(z.object({ productId: idSchema('product'), price: priceInput }))
    .mutation(async ({ ctx, input }) => {
      const product = await getProduct(ctx.db, {
        tenantId: ctx.tenantId,
        productId: input.productId,
      });
      if (!product) throw notFound('product');
      return insertPrice(ctx.db, {
        tenantId: ctx.tenantId,
        productId: product.id,
        price: input.price,
      });
    }),
  archivePrice: adminProcedure
    .input(z.object({ id: idSchema('price') }))
    .mutation(async ({ ctx, input }) => {
      const row = await archivePrice(ctx.db, { tenantId: ctx.tenantId, priceId: input.id });
      if (!row) throw notFound('price');
      return row;
    }),
});
