import { randomBytes } from 'node:crypto';
import {
  deactivateCoupon,
  deactivateTaxRate,
  getCoupon,
  getOrganization,
  getTaxRate,
  insertApiKey,
  insertCoupon,
  insertTaxRate,
  listApiKeys,
  listCouponsPage,
  listIntegrations,
  listTaxRatesPage,
  revokeApiKey,
  setIntegrationEnabled,
  updateOrganization,
} from '@prood/db';
import {
  connectableProviders,
  PROVIDER_IDS,
  type ProviderId,
  providerDefinition,
  providerWebhookUrl,
} from '@prood/provider-factory';
import { idSchema } from '@prood/validators';
import { z } from 'zod';
import { ApiError, notFound } from '../../errors';
import { listOutboxMail } from '../../jobs/mailer';
import { countryCode, currencyCode } from '../../schemas';
import { basisPointsOf, decimalText, minorUnitsOf, supportedCurrency } from '../form-inputs';
import { adminProcedure, requireVerifiedEmail, router, tenantProcedure } from '../init';
import { keysetCursor } from '../keyset-cursor';
import { connectIntegration, removeIntegration, saveIntegration } from './integrations';

const couponCursor = keysetCursor('coupon');
const taxRateCursor = keysetCursor('txr');

/** A dashboard list's page request: where it starts (an opaque cursor) and how many rows. */
const pageInput = <Cursor extends z.ZodType>(cursor: Cursor) =>
  z
    .object({
      cursor: cursor.optional(),
      limit: z.number().int().min(1).max(100).default(25),
    })
    .default({ limit: 25 });

/**
 * A coupon as the dashboard's form sends it: percentages and amounts as typed ("12.5", "5.00"),
 * turned into basis points and the currency's minor units here. A fixed amount and a minimum
 * order amount are in one currency; a percentage without a minimum works in every currency.
 */
const couponInput = z
  .object({
    code: z
      .string()
      .trim()
      .min(2)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, - and _ only'),
    kind: z.enum(['percent', 'fixed']),
    percentOff: decimalText.transform((text, ctx) => basisPointsOf(text, ctx, [], 1)).optional(),
    percentOffBps: z.number().int().min(1).max(10_000).optional(),
    amountOff: decimalText.optional(),
    currency: supportedCurrency.optional(),
    expiresAt: z
      .date()
      .refine((date) => date > new Date(), 'must be in the future')
      .optional(),
    maxUses: z.number().int('must be a whole number').min(1, 'must be at least 1').optional(),
    minOrderAmount: decimalText.optional(),
    oncePerCustomer: z.boolean().default(false),
  })
  .transform((c, ctx) => {
    // checks that join fields run once every field is valid on its own
    const needsCurrency = c.kind === 'fixed' || Boolean(c.minOrderAmount);
    if (needsCurrency && !c.currency) {
      ctx.addIssue({
        code: 'custom',
        path: ['currency'],
        message:
          c.kind === 'fixed'
            ? 'choose the currency of the amount'
            : 'choose the currency of the minimum',
      });
      return z.NEVER;
    }
    const currency = needsCurrency ? (c.currency ?? null) : null;
    let percentOffBps: number | null = null;
    let amountOff: number | null = null;
    if (c.kind === 'percent') {
      if (c.percentOff !== undefined) percentOffBps = c.percentOff;
      else if (c.percentOffBps !== undefined) percentOffBps = c.percentOffBps;
      else ctx.addIssue({ code: 'custom', path: ['percentOff'], message: 'enter a percentage' });
    } else if (c.amountOff) {
      amountOff = minorUnitsOf(c.amountOff, currency ?? '', ctx, ['amountOff'], {
        positive: true,
      });
    } else {
      ctx.addIssue({ code: 'custom', path: ['amountOff'], message: 'enter an amount, e.g. 5.00' });
    }
    const minOrderAmount = c.minOrderAmount
      ? minorUnitsOf(c.minOrderAmount, currency ?? '', ctx, ['minOrderAmount'])
      : null;
    return {
      code: c.code,
      kind: c.kind,
      percentOffBps,
      amountOff,
      currency,
      expiresAt: c.expiresAt ?? null,
      maxUses: c.maxUses ?? null,
      minOrderAmount,
      oncePerCustomer: c.oncePerCustomer,
    };
  });

const origin = z
  .url()
  .refine((value) => {
    const url = new URL(value);
    const local = ['localhost', '127.0.0.1'].includes(url.hostname);
    return url.protocol === 'https:' || (url.protocol === 'http:' && local);
  }, 'must be an https origin (http only for localhost)')
  .transform((value) => new URL(value).origin);

export const settingsRouter = router({
  organization: tenantProcedure.query(async ({ ctx }) => {
    const org = await getOrganization(ctx.db, { tenantId: ctx.tenantId });
    if (!org) throw notFound('organization');
    return { ...org, role: ctx.role };
  }),
  updateOrganization: adminProcedure
    .input(
      z.object({
        allowedOrigins: z.array(origin).max(20).optional(),
        allowPromotionCodes: z.boolean().optional(),
        defaultCurrency: currencyCode.optional(),
        /** How long an unpaid order stays payable (30 minutes to 30 days; default 24 h). */
        unpaidOrderLifetimeSeconds: z
          .number()
          .int()
          .min(30 * 60)
          .max(30 * 24 * 3600)
          .optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      return updateOrganization(ctx.db, { tenantId: ctx.tenantId, changes: input });
    }),
  /** Mail the platform sent (or, in the embedded default, only captured) for this tenant. */
  outbox: tenantProcedure
    .input(
      z.object({
        limit: z.number().int().min(1).max(200).default(50),
        /** The last mail id of the page before (keyset pagination, newest first). */
        startingAfter: z
          .string()
          .regex(/^mail_[0-9A-Za-z]{8,40}$/)
          .optional(),
      }),
    )
    .query(({ ctx, input }) =>
      listOutboxMail(ctx.db, {
        tenantId: ctx.tenantId,
        limit: input.limit,
        startingAfter: input.startingAfter,
      }),
    ),
  /** Provider connections, masked: credentials never leave the server. */
  integrations: tenantProcedure.query(async ({ ctx }) =>
    (await listIntegrations(ctx.db, { tenantId: ctx.tenantId })).map((i) => ({
      id: i.id,
      provider: i.provider,
      label: providerDefinition(i.provider as ProviderId)?.label ?? i.provider,
      mode: i.mode,
      enabled: i.enabled,
      credentials: JSON.parse(i.maskedCredentials) as Record<string, string>,
      webhookUrl: providerWebhookUrl(ctx.checkoutUrl, i.provider, ctx.tenantId),
      updatedAt: i.updatedAt,
    })),
  ),
  /**
   * The providers a merchant can connect, with the fields of each one's connect form and the
   * webhook URL to give a signature provider.
   */
  providers: tenantProcedure.query(({ ctx }) =>
    connectableProviders().map((form) => ({
      ...form,
      webhookUrl: providerWebhookUrl(ctx.checkoutUrl, form.id, ctx.tenantId),
    })),
  ),
  /**
   * Connects (or replaces) one of the tenant's provider accounts, for any provider the registry
   * marks connectable. Credentials are validated by that provider's schema, checked for a
   * consistent mode, sealed with AES-256-GCM bound to this tenant, and only read back masked.
   */
  connectIntegration: adminProcedure
    .input(
      z.object({
        provider: z.enum(PROVIDER_IDS),
        credentials: z.record(z.string(), z.string().max(500)),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (!connectableProviders().some((p) => p.id === input.provider)) {
        throw new ApiError('validation_error', `${input.provider} is not connected this way.`, {
          field: 'provider',
        });
      }
      return connectIntegration(ctx, input.provider, input.credentials);
    }),
  /**
   * The offline sandbox in one click: a fresh webhook signing secret, sealed like any other
   * credentials. Always test mode, so it needs no verified email.
   */
  connectSandbox: adminProcedure.mutation(({ ctx }) =>
    saveIntegration(ctx, 'sandbox', {
      webhookSecret: `whsec_${randomBytes(24).toString('base64')}`,
    }),
  ),
  /** Removes a connection, its sealed credentials and the webhook endpoint we registered. */
  removeIntegration: adminProcedure
    .input(z.object({ provider: z.enum(PROVIDER_IDS) }))
    .mutation(({ ctx, input }) => removeIntegration(ctx, input.provider)),
  setIntegrationEnabled: adminProcedure
    .input(z.object({ provider: z.enum(PROVIDER_IDS), enabled: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const row = await setIntegrationEnabled(ctx.db, { tenantId: ctx.tenantId, ...input });
      if (!row) throw notFound('integration');
      return row;
    }),
  apiKeys: adminProcedure.query(({ ctx }) => listApiKeys(ctx.db, { tenantId: ctx.tenantId })),
  /** Returns the secret once; only its hash is stored. */
  createApiKey: adminProcedure
    .input(
      z.object({
        name: z.string().trim().min(1).max(100),
        mode: z.enum(['test', 'live']).default('test'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.mode === 'live') requireVerifiedEmail(ctx);
      const { apiKey, secret } = await insertApiKey(ctx.db, { tenantId: ctx.tenantId, ...input });
      return { id: apiKey.id, name: apiKey.name, displayPrefix: apiKey.displayPrefix, secret };
    }),
  revokeApiKey: adminProcedure
    .input(z.object({ id: idSchema('apiKey') }))
    .mutation(async ({ ctx, input }) => {
      const row = await revokeApiKey(ctx.db, { tenantId: ctx.tenantId, apiKeyId: input.id });
      if (!row) throw notFound('API key');
      return { id: row.id, revokedAt: row.revokedAt };
    }),
  /** The dashboard's coupons list: one keyset page, newest first. */
  coupons: tenantProcedure.input(pageInput(couponCursor.schema)).query(async ({ ctx, input }) => {
    const { rows, next } = await listCouponsPage(ctx.db, {
      tenantId: ctx.tenantId,
      limit: input.limit,
      ...(input.cursor ? { after: input.cursor } : {}),
    });
    return { data: rows, nextCursor: next ? couponCursor.encode(next) : null };
  }),
  coupon: tenantProcedure
    .input(z.object({ id: idSchema('coupon') }))
    .query(async ({ ctx, input }) => {
      const row = await getCoupon(ctx.db, { tenantId: ctx.tenantId, couponId: input.id });
      if (!row) throw notFound('coupon');
      return row;
    }),
  createCoupon: adminProcedure.input(couponInput).mutation(async ({ ctx, input }) => {
    const row = await insertCoupon(ctx.db, { tenantId: ctx.tenantId, coupon: input });
    if (!row)
      throw new ApiError('conflict', 'A coupon with this code exists already.', {
        field: 'code',
        fields: { code: 'a coupon with this code exists already' },
      });
    return row;
  }),
  deactivateCoupon: adminProcedure
    .input(z.object({ id: idSchema('coupon') }))
    .mutation(async ({ ctx, input }) => {
      const row = await deactivateCoupon(ctx.db, { tenantId: ctx.tenantId, couponId: input.id });
      if (!row) throw notFound('coupon');
      return row;
    }),
  /** The dashboard's tax rates list: one keyset page, newest first. */
  taxRates: tenantProcedure.input(pageInput(taxRateCursor.schema)).query(async ({ ctx, input }) => {
    const { rows, next } = await listTaxRatesPage(ctx.db, {
      tenantId: ctx.tenantId,
      limit: input.limit,
      ...(input.cursor ? { after: input.cursor } : {}),
    });
    return { data: rows, nextCursor: next ? taxRateCursor.encode(next) : null };
  }),
  taxRate: tenantProcedure
    .input(z.object({ id: idSchema('taxRate') }))
    .query(async ({ ctx, input }) => {
      const row = await getTaxRate(ctx.db, { tenantId: ctx.tenantId, taxRateId: input.id });
      if (!row) throw notFound('tax rate');
      return row;
    }),
  createTaxRate: adminProcedure
    .input(
      z
        .object({
          name: z.string().trim().min(1).max(100),
          country: z
            .string()
            .trim()
            .transform((value) => value.toUpperCase())
            .pipe(countryCode),
          /** The rate as a percentage typed by a person ("19", "7.5"); or `rateBps`. */
          rate: decimalText.transform((text, ctx) => basisPointsOf(text, ctx, [], 0)).optional(),
          rateBps: z.number().int().min(0).max(10_000).optional(),
          inclusive: z.boolean().default(false),
        })
        .transform(({ rate, rateBps, ...rest }, ctx) => {
          if (rate !== undefined) return { ...rest, rateBps: rate };
          if (rateBps === undefined) {
            ctx.addIssue({ code: 'custom', path: ['rate'], message: 'enter a rate, e.g. 19' });
            return z.NEVER;
          }
          return { ...rest, rateBps };
        }),
    )
    .mutation(async ({ ctx, input }) => {
      return insertTaxRate(ctx.db, { tenantId: ctx.tenantId, taxRate: input });
    }),
  deactivateTaxRate: adminProcedure
    .input(z.object({ id: idSchema('taxRate') }))
    .mutation(async ({ ctx, input }) => {
      const row = await deactivateTaxRate(ctx.db, { tenantId: ctx.tenantId, taxRateId: input.id });
      if (!row) throw notFound('tax rate');
      return row;
    }),
});
