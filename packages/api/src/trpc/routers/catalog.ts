import {
  archivePrice,
  getProduct,
  insertPrice,
  insertProduct,
  listPrices,
  listProducts,
  listProductsPage,
  updateProduct,
} from '@prood/db';
import { idSchema } from '@prood/validators';
import { z } from 'zod';
import { notFound } from '../../errors';
import { fulfillmentMethods, minorUnits } from '../../schemas';
import { decimalText, minorUnitsOf, supportedCurrency } from '../form-inputs';
import { adminProcedure, router, tenantProcedure } from '../init';
import { keysetCursor } from '../keyset-cursor';

/**
 * A price as the dashboard's form sends it: the amount typed in the currency's major unit
 * (`amount: "12.50"`), turned into minor units here through the currency's exponent; callers
 * that already hold minor units (scripts, tests) may send `unitAmount` instead.
 */
const priceInput = z
  .object({
    currency: supportedCurrency,
    amount: decimalText.optional(),
    unitAmount: minorUnits.optional(),
    type: z.enum(['one_time', 'recurring']).default('one_time'),
    recurringInterval: z.enum(['day', 'week', 'month', 'year']).optional(),
    recurringIntervalCount: z.number().int().min(1).max(12).optional(),
    taxBehavior: z.enum(['inclusive', 'exclusive']).default('exclusive'),
  })
  .transform((p, ctx) => {
    // one transform checks every field that depends on another, so all are reported at once
    if ((p.type === 'recurring') !== Boolean(p.recurringInterval)) {
      ctx.addIssue({
        code: 'custom',
        path: ['recurringInterval'],
        message:
          p.type === 'recurring'
            ? 'choose how often a recurring price is charged'
            : 'one-off prices have no interval',
      });
    }
    const unitAmount = p.amount
      ? minorUnitsOf(p.amount, p.currency, ctx, ['amount'])
      : p.unitAmount;
    if (unitAmount === undefined) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'enter an amount, e.g. 12.50' });
      return z.NEVER;
    }
    return {
      currency: p.currency,
      unitAmount,
      type: p.type,
      recurringInterval: p.type === 'recurring' ? (p.recurringInterval ?? null) : null,
      recurringIntervalCount: p.type === 'recurring' ? (p.recurringIntervalCount ?? 1) : null,
      taxBehavior: p.taxBehavior,
    };
  });

/** An https picture URL; empty text clears it. */
const imageUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => value === '' || /^https:\/\/[^\s/]+\.[^\s]+$/.test(value), {
    message: 'must be an https:// address of an image',
  })
  .transform((value) => (value === '' ? null : value));

const productFields = {
  name: z.string().trim().min(1).max(200),
  description: z
    .string()
    .trim()
    .max(2000)
    .nullable()
    .transform((value) => value || null),
  imageUrl: imageUrl.nullable(),
  fulfillmentMethods: z
    .array(z.enum(fulfillmentMethods))
    .min(1, 'choose at least one way to deliver it')
    .transform((methods) => [...new Set(methods)]),
  active: z.boolean(),
  trackStock: z.boolean(),
  stock: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(1_000_000_000),
};

const productCursor = keysetCursor('prod');

type Ctx = { db: Parameters<typeof getProduct>[0]; tenantId: string };

/** A product of this tenant, or NOT_FOUND (another tenant's id looks exactly like a missing one). */
async function tenantProduct(ctx: Ctx, id: string) {
  const product = await getProduct(ctx.db, { tenantId: ctx.tenantId, productId: id });
  if (!product) throw notFound('product');
  return product;
}

export const catalogRouter = router({
  list: tenantProcedure.query(async ({ ctx }) => {
    const rows = await listProducts(ctx.db, { tenantId: ctx.tenantId });
    const priceRows = await listPrices(ctx.db, { tenantId: ctx.tenantId });
    return rows.map((p) => ({ ...p, prices: priceRows.filter((x) => x.productId === p.id) }));
  }),
  /** The dashboard's products list: one keyset page, newest first, with each product's prices. */
  page: tenantProcedure
    .input(
      z.object({
        cursor: productCursor.schema.optional(),
        limit: z.number().int().min(1).max(100).default(25),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { rows, next } = await listProductsPage(ctx.db, {
        tenantId: ctx.tenantId,
        limit: input.limit,
        ...(input.cursor ? { after: input.cursor } : {}),
      });
      const priceRows = rows.length
        ? await listPrices(ctx.db, { tenantId: ctx.tenantId, productIds: rows.map((p) => p.id) })
        : [];
      return {
        data: rows.map((p) => ({
          ...p,
          prices: priceRows.filter((x) => x.productId === p.id),
        })),
        nextCursor: next ? productCursor.encode(next) : null,
      };
    }),
  get: tenantProcedure
    .input(z.object({ id: idSchema('product') }))
    .query(async ({ ctx, input }) => {
      const product = await tenantProduct(ctx, input.id);
      return {
        ...product,
        prices: await listPrices(ctx.db, { tenantId: ctx.tenantId, productIds: [product.id] }),
      };
    }),
  create: adminProcedure
    .input(
      z.object({
        name: productFields.name,
        description: productFields.description.optional(),
        imageUrl: productFields.imageUrl.optional(),
        fulfillmentMethods: productFields.fulfillmentMethods.optional(),
        active: productFields.active.default(true),
        trackStock: productFields.trackStock.default(false),
        stock: productFields.stock.optional(),
        price: priceInput.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const product = await insertProduct(tx, {
          tenantId: ctx.tenantId,
          product: {
            name: input.name,
            description: input.description ?? null,
            imageUrl: input.imageUrl ?? null,
            ...(input.fulfillmentMethods ? { fulfillmentMethods: input.fulfillmentMethods } : {}),
            active: input.active,
            trackStock: input.trackStock,
            stock: input.trackStock ? (input.stock ?? 0) : null,
          },
        });
        const prices = input.price
          ? [
              await insertPrice(tx, {
                tenantId: ctx.tenantId,
                productId: product.id,
                price: input.price,
              }),
            ]
          : [];
        return { ...product, prices };
      }),
    ),
  update: adminProcedure
    .input(
      z.object({
        id: idSchema('product'),
        name: productFields.name.optional(),
        description: productFields.description.optional(),
        imageUrl: productFields.imageUrl.optional(),
        fulfillmentMethods: productFields.fulfillmentMethods.optional(),
        active: productFields.active.optional(),
        trackStock: productFields.trackStock.optional(),
        stock: productFields.stock.nullable().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { id, ...changes } = input;
      // unlimited stock is no count at all; a tracked one starts at 0 when none is given
      if (changes.trackStock === false) changes.stock = null;
      else if (changes.trackStock === true) changes.stock ??= 0;
      const row = await updateProduct(ctx.db, { tenantId: ctx.tenantId, productId: id, changes });
      if (!row) throw notFound('product');
      return row;
    }),
  addPrice: adminProcedure
    .input(z.object({ productId: idSchema('product'), price: priceInput }))
    .mutation(async ({ ctx, input }) => {
      const product = await tenantProduct(ctx, input.productId);
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
