import {
  addressSchema,
  CURRENCIES,
  chargeAmountSchema,
  currencySchema,
  FULFILLMENT_TYPES,
} from '@prood/checkout';
import { PROVIDER_IDS, type ProviderId } from '@prood/provider-factory';
import { idSchema } from '@prood/validators';
import { z } from 'zod';
import { CheckoutInputError } from './errors';

/** The providers a session can be paid with: every provider in the registry. */
export const CHECKOUT_PROVIDER_IDS = PROVIDER_IDS;
export type CheckoutProviderId = ProviderId;

export const DEFAULT_SESSION_TTL_SECONDS = 30 * 60;
export const DEFAULT_PAYMENT_LINK_TTL_SECONDS = 24 * 60 * 60;
const MAX_SESSION_TTL_SECONDS = 24 * 60 * 60;
const MAX_PAYMENT_LINK_TTL_SECONDS = 30 * 24 * 60 * 60;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An absolute https URL; plain http only for a local host (development). */
export const redirectUrlSchema = z.string().superRefine((value, ctx) => {
  if (!URL.canParse(value)) {
    ctx.addIssue({ code: 'custom', message: 'must be an absolute URL' });
    return;
  }
  const url = new URL(value);
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return;
  ctx.addIssue({
    code: 'custom',
    message: 'must use https (http is allowed only for localhost and 127.0.0.1)',
  });
});

export const tenantIdSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'is too long');

export const providerIdSchema = z.enum(CHECKOUT_PROVIDER_IDS, {
  error: `must be one of ${CHECKOUT_PROVIDER_IDS.join(', ')}`,
});

/** A checkout session id (`cs_…`) or payment-link id (`cs_link_…`). */
export const checkoutIdSchema = z.union([idSchema('checkoutSession'), idSchema('paymentLink')], {
  error: 'must be a cs_… or cs_link_… id',
});

const customerInfoInput = z
  .object({
    email: z.email({ error: 'must be an email address' }).nullish(),
    name: z.string().max(200).nullish(),
    phone: z.string().max(50).nullish(),
  })
  .nullish();

const fulfillmentInput = z.union(
  [
    z.enum(FULFILLMENT_TYPES),
    z.object({ type: z.enum(FULFILLMENT_TYPES), address: addressSchema.nullish() }),
  ],
  { error: `must be one of ${FULFILLMENT_TYPES.join(', ')} or { type, address }` },
);

function withinCurrencyLimit(value: { amount: number; currency: string }, ctx: z.RefinementCtx) {
  const max = CURRENCIES[value.currency as keyof typeof CURRENCIES]?.maxAmount;
  if (max !== undefined && typeof value.amount === 'number' && value.amount > max) {
    ctx.addIssue({
      code: 'custom',
      path: ['amount'],
      message: `must be at most ${max} minor units of ${value.currency}`,
    });
  }
}

export const createCheckoutSessionInputSchema = z
  .object({
    orderId: z.string().trim().min(1, 'must not be empty'),
    amount: chargeAmountSchema,
    currency: currencySchema,
    tenantId: tenantIdSchema,
    returnUrl: redirectUrlSchema,
    cancelUrl: redirectUrlSchema.optional(),
    customerInfo: customerInfoInput,
    fulfillment: fulfillmentInput,
    provider: providerIdSchema,
    expiresIn: z
      .number()
      .int('must be a whole number of seconds')
      .min(60, 'must be at least 60 seconds')
      .max(MAX_SESSION_TTL_SECONDS, 'must be at most 24 hours')
      .optional(),
  })
  .superRefine(withinCurrencyLimit);
export type CreateCheckoutSessionInput = z.input<typeof createCheckoutSessionInputSchema>;

export const createPaymentLinkInputSchema = z
  .object({
    amount: chargeAmountSchema,
    currency: currencySchema,
    tenantId: tenantIdSchema,
    description: z.string().trim().min(1, 'must not be empty').max(500, 'is too long'),
    expiresIn: z
      .number()
      .int('must be a whole number of seconds')
      .min(60, 'must be at least 60 seconds')
      .max(MAX_PAYMENT_LINK_TTL_SECONDS, 'must be at most 30 days')
      .optional(),
    /** Fixed provider; omitted, the tenant's active provider is assigned when the shopper pays. */
    provider: providerIdSchema.optional(),
    /** Where to send the shopper after paying; default the checkout app's success page. */
    returnUrl: redirectUrlSchema.optional(),
  })
  .superRefine(withinCurrencyLimit);
export type CreatePaymentLinkInput = z.input<typeof createPaymentLinkInputSchema>;

/**
 * Parses `value` with `schema` or throws a `CheckoutInputError` naming each bad field.
 * `root` names the argument when the value itself (not a field of it) is wrong.
 */
export function parseInput<S extends z.ZodType>(
  fn: string,
  schema: S,
  value: unknown,
  root = 'input',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new CheckoutInputError(
    fn,
    result.error.issues.map((issue) => ({
      field: issue.path.length > 0 ? issue.path.map(String).join('.') : root,
      message: issue.message,
    })),
  );
}
