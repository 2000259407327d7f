import {
  deactivateShippingRate,
  getCheckoutSettings,
  insertShippingRate,
  listShippingRates,
  upsertCheckoutSettings,
  withCheckoutDefaults,
} from '@prood/db';
import { accentColorSchema, CHECKOUT_LOCALES, idSchema } from '@prood/validators';
import { z } from 'zod';
import { notFound } from '../../errors';
import { countryCode, currencyCode, minorUnits } from '../../schemas';
import { adminProcedure, router, tenantProcedure } from '../init';

/** An absolute https URL (http only for localhost, so a developer can try a local logo). */
const publicUrl = z
  .url()
  .max(2048)
  .refine((value) => {
    const url = new URL(value);
    const local = ['localhost', '127.0.0.1'].includes(url.hostname);
    return url.protocol === 'https:' || (url.protocol === 'http:' && local);
  }, 'must be an https URL');

/** Empty form fields clear the setting. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? null : value), schema.nullable()).optional();

/** What the dashboard sends; every field is optional, so a form saves only what it shows. */
export const checkoutSettingsInput = z.strictObject({
  displayName: optional(z.string().trim().min(1).max(100)),
  logoUrl: optional(publicUrl),
  accentColor: optional(accentColorSchema),
  defaultLocale: z.enum(CHECKOUT_LOCALES).optional(),
  shippingCountries: z
    .array(countryCode)
    .max(250)
    .transform((codes) => [...new Set(codes)].sort())
    .optional(),
  collectPhone: z.boolean().optional(),
  adjustableQuantity: z.boolean().optional(),
  collectTaxId: z.boolean().optional(),
  termsUrl: optional(publicUrl),
  stripeFlow: z.enum(['embedded', 'hosted']).optional(),
});

const shippingRateInput = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    amount: minorUnits,
    currency: currencyCode,
    freeAbove: minorUnits.min(1).optional(),
    minDeliveryDays: z.number().int().min(0).max(365).optional(),
    maxDeliveryDays: z.number().int().min(0).max(365).optional(),
    sortOrder: z.number().int().min(0).max(1000).optional(),
  })
  .refine(
    (rate) =>
      rate.minDeliveryDays === undefined ||
      rate.maxDeliveryDays === undefined ||
      rate.minDeliveryDays <= rate.maxDeliveryDays,
    { message: 'must not be before the earliest delivery day', path: ['maxDeliveryDays'] },
  );

/** The hosted checkout page's look and questions, and the shipping options it offers. */
export const checkoutSettingsRouter = router({
  get: tenantProcedure.query(async ({ ctx }) => {
    return withCheckoutDefaults(await getCheckoutSettings(ctx.db, { tenantId: ctx.tenantId }));
  }),
  update: adminProcedure.input(checkoutSettingsInput).mutation(async ({ ctx, input }) => {
    const row = await upsertCheckoutSettings(ctx.db, {
      tenantId: ctx.tenantId,
      ...input,
    });
    ctx.logger.info({ fields: Object.keys(input) }, 'checkout settings saved');
    return row;
  }),
  shippingRates: tenantProcedure.query(({ ctx }) =>
    listShippingRates(ctx.db, { tenantId: ctx.tenantId }),
  ),
  createShippingRate: adminProcedure
    .input(shippingRateInput)
    .mutation(({ ctx, input }) => insertShippingRate(ctx.db, { tenantId: ctx.tenantId, ...input })),
  deactivateShippingRate: adminProcedure
    .input(z.object({ id: idSchema('shippingRate') }))
    .mutation(async ({ ctx, input }) => {
      const row = await deactivateShippingRate(ctx.db, {
        tenantId: ctx.tenantId,
        shippingRateId: input.id,
      });
      if (!row) throw notFound('shipping rate');
      return { id: row.id, active: row.active };
    }),
});
