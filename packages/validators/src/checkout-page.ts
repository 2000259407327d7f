import { z } from 'zod';
import { checkoutLineItemSchema } from './checkout-order';

/**
 * The wire between the checkout app and the commerce API (`/internal/checkout/…`, shared
 * secret): what the hosted page shows of an order and a tenant, the shopper's changes, and the
 * error envelope. Both sides import these; neither imports the other's implementation.
 */

/** A tenant's checkout page settings with the defaults filled in. */
export const checkoutBrandingSchema = z.object({
  displayName: z.string(),
  logoUrl: z.string().nullable(),
  accentColor: z.string().nullable(),
  defaultLocale: z.string(),
  shippingCountries: z.array(z.string()),
  collectPhone: z.boolean(),
  adjustableQuantity: z.boolean(),
  collectTaxId: z.boolean(),
  termsUrl: z.string().nullable(),
  stripeFlow: z.enum(['embedded', 'hosted']),
});
export type CheckoutBranding = z.output<typeof checkoutBrandingSchema>;

const recurringSchema = z.object({
  interval: z.enum(['day', 'week', 'month', 'year']),
  intervalCount: z.number().int().min(1),
});

export const checkoutPageLineSchema = z.object({
  id: z.string(),
  title: z.string(),
  unitAmount: z.number().int(),
  quantity: z.number().int(),
  subtotal: z.number().int(),
  recurring: recurringSchema.nullable(),
});
export type CheckoutPageLine = z.output<typeof checkoutPageLineSchema>;

export const checkoutPageShippingOptionSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** What the shopper pays for it on this order (0 when it is free above an amount). */
  amount: z.number().int(),
  regularAmount: z.number().int(),
  freeAbove: z.number().int().nullable(),
  minDeliveryDays: z.number().int().nullable(),
  maxDeliveryDays: z.number().int().nullable(),
});
export type CheckoutPageShippingOption = z.output<typeof checkoutPageShippingOptionSchema>;

const postalAddressSchema = z.object({
  line1: z.string(),
  line2: z.string().nullish(),
  city: z.string(),
  postalCode: z.string(),
  state: z.string().nullish(),
  country: z.string(),
});

/** The order fields the page shows (amounts in minor units), never the whole row. */
export const checkoutPageOrderRecordSchema = z.object({
  id: z.string(),
  reference: z.string(),
  /** The API's order status (`PENDING`, `PAID`, …); `paid` and `payable` say what it means here. */
  status: z.string(),
  currency: z.string(),
  subtotal: z.number().int(),
  discountTotal: z.number().int(),
  taxTotal: z.number().int(),
  shippingTotal: z.number().int(),
  total: z.number().int(),
  customer: z.object({
    name: z.string(),
    email: z.string(),
    phone: z.string().nullish(),
    address: postalAddressSchema.nullish(),
    country: z.string().nullish(),
    taxId: z.string().nullish(),
  }),
  customerEmail: z.string(),
  fulfillment: z.enum(['shipping', 'local_delivery', 'pickup', 'digital']),
  /** ISO 8601 on the wire, a `Date` once parsed. */
  appointmentAt: z.coerce.date().nullable(),
  shippingRateId: z.string().nullable(),
  returnUrl: z.string().nullable(),
  cancelUrl: z.string().nullable(),
});

/** Everything the checkout page shows about an order, all from the API's database. */
export const checkoutPageOrderSchema = z.object({
  order: checkoutPageOrderRecordSchema,
  lines: z.array(checkoutPageLineSchema),
  couponCode: z.string().nullable(),
  tax: z.object({ name: z.string(), rateBps: z.number().int(), inclusive: z.boolean() }).nullable(),
  shippingOptions: z.array(checkoutPageShippingOptionSchema),
  needsAddress: z.boolean(),
  /** PAID, FULFILLED or (partially) refunded: the page shows the paid view, whatever the session says. */
  paid: z.boolean(),
  /** PENDING or FAILED: the shopper may still pay (or start again). */
  payable: z.boolean(),
});
export type CheckoutPageOrder = z.output<typeof checkoutPageOrderSchema>;

/**
 * One render of `/c/{id}` asks the API once for this: the tenant's page settings and, when the
 * session is for an order, the order (`GET /internal/checkout/page?org=…&order=…`); or, for a
 * session id only an order still names (`GET /internal/checkout/sessions/{id}/page`), the
 * same with the order's tenant.
 */
export const checkoutPageViewSchema = z.object({
  tenantId: z.string(),
  branding: checkoutBrandingSchema,
  order: checkoutPageOrderSchema.nullable(),
});
export type CheckoutPageView = z.output<typeof checkoutPageViewSchema>;

const addressInput = z.object({
  line1: z.string().trim().min(1).max(200),
  line2: z.string().trim().max(200).nullish(),
  city: z.string().trim().min(1).max(100),
  postalCode: z.string().trim().max(20),
  state: z.string().trim().max(100).nullish(),
  country: z.string().regex(/^[A-Z]{2}$/),
});

/** One change the shopper makes on the checkout page. Never carries an amount. */
export const checkoutOrderChangeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('contact'),
    email: z.email().max(254),
    phone: z.string().trim().max(40).nullish(),
  }),
  z.object({
    kind: z.literal('address'),
    name: z.string().trim().min(1).max(200),
    address: addressInput,
    taxId: z.string().trim().max(40).nullish(),
  }),
  z.object({ kind: z.literal('shipping_rate'), shippingRateId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('coupon'), code: z.string().trim().min(1).max(64) }),
  z.object({ kind: z.literal('remove_coupon') }),
  z.object({
    kind: z.literal('quantity'),
    itemId: z.string().min(1).max(64),
    quantity: z.number().int().min(1).max(99),
  }),
]);
export type CheckoutOrderChange = z.infer<typeof checkoutOrderChangeSchema>;

/**
 * What the checkout app needs to start (or keep in step with) a payment for an order: its
 * repriced amount, whether it can still be paid, and the lines and mode the provider charges.
 * Answered by `GET /internal/checkout/orders/{id}/payment?org=…` and by every change.
 */
export const checkoutOrderPaymentSchema = z.object({
  orderId: z.string(),
  /** The API's order status (`PENDING`, `PAID`, …). */
  status: z.string(),
  /** PENDING or FAILED: a payment may (still) start. */
  payable: z.boolean(),
  total: z.number().int(),
  currency: z.string(),
  /** Shipped to an address, the tenant offers shipping options, and none is chosen yet. */
  shippingRequired: z.boolean(),
  mode: z.enum(['payment', 'subscription']),
  lineItems: z.array(checkoutLineItemSchema),
  /** The tenant lets shoppers type promotion codes on the provider's page. */
  allowPromotionCodes: z.boolean(),
});
export type CheckoutOrderPayment = z.output<typeof checkoutOrderPaymentSchema>;

/** "Start again" on an expired session: the new session the API opened for the same order. */
export const checkoutRestartSchema = z.object({ sessionId: z.string(), url: z.url() });
export type CheckoutRestart = z.output<typeof checkoutRestartSchema>;

/** The JSON error envelope every prood API answers with: `{"error":{"code","message","details"}}`. */
export const apiErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string().regex(/^[a-z_]{1,64}$/),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ApiErrorEnvelope = z.output<typeof apiErrorEnvelopeSchema>;
