import { PROVIDER_IDS } from '@prood/provider-factory';
import { idSchema } from '@prood/validators';
import { z } from 'zod';

/**
 * The REST API's request and response schemas. The same objects validate requests and generate
 * the OpenAPI document, so the two cannot disagree. Request objects are strict: an unknown
 * field is refused with 400 naming it, as Stripe does, instead of being dropped silently.
 */

export const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code, e.g. DE')
  .meta({ example: 'DE' });

export const currencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code, e.g. EUR')
  .meta({ example: 'EUR' });

/** Integer count of the currency's minor unit (9999 EUR = €99.99). */
export const minorUnits = z
  .number()
  .int('must be an integer number of minor units')
  .min(0)
  .max(99_999_999_999)
  .meta({ description: 'Integer amount in the currency’s minor unit (9999 EUR = €99.99).' });

export const addressSchema = z
  .strictObject({
    line1: z.string().trim().min(1).max(200),
    line2: z.string().trim().max(200).nullish(),
    city: z.string().trim().min(1).max(100),
    postalCode: z.string().trim().min(1).max(20),
    state: z.string().trim().max(100).nullish(),
    country: countryCode,
  })
  .meta({ id: 'Address' });

export const customerSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(320),
    phone: z
      .string()
      .regex(/^\+?[0-9 ()-]{5,20}$/, 'must be a phone number')
      .nullish(),
    address: addressSchema.nullish(),
    /** Tax country when there is no address (pickup, digital). */
    country: countryCode.nullish(),
  })
  .meta({ id: 'Customer' });

export const fulfillmentMethods = ['shipping', 'local_delivery', 'pickup', 'digital'] as const;

export const fulfillmentSchema = z
  .strictObject({
    method: z.enum(fulfillmentMethods),
    appointmentAt: z.iso.datetime({ offset: true }).nullish(),
  })
  .meta({ id: 'Fulfillment' });

export const orderItemInputSchema = z
  .strictObject({
    productId: idSchema('product').optional(),
    priceId: idSchema('price').optional(),
    quantity: z.number().int().min(1).max(999),
  })
  .refine((item) => Boolean(item.productId) !== Boolean(item.priceId), {
    message: 'give either productId or priceId',
    path: ['priceId'],
  })
  .meta({ id: 'LineItemInput' });

export const createOrderSchema = z
  .strictObject({
    cartId: idSchema('cart').optional(),
    items: z.array(orderItemInputSchema).min(1).max(100).optional(),
    customer: customerSchema,
    fulfillment: fulfillmentSchema,
    couponCode: z.string().trim().min(1).max(64).optional(),
    returnUrl: z.url().max(2048).optional(),
    /** Where the shopper goes on "cancel"; must be on the tenant's allowed origins. */
    cancelUrl: z.url().max(2048).optional(),
  })
  .refine((o) => Boolean(o.cartId) !== Boolean(o.items), {
    message: 'give either cartId or items',
    path: ['items'],
  })
  .refine(
    (o) =>
      !['shipping', 'local_delivery'].includes(o.fulfillment.method) || Boolean(o.customer.address),
    {
      message: 'an address is required for shipping and local delivery',
      path: ['customer', 'address'],
    },
  )
  .meta({ id: 'CreateOrderRequest' });

export type CreateOrderInput = z.infer<typeof createOrderSchema>;

export const orderStatuses = [
  'PENDING',
  'PAID',
  'FULFILLED',
  'FAILED',
  'CANCELED',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
] as const;

export const orderItemSchema = z
  .object({
    id: z.string(),
    productId: z
      .string()
      .nullable()
      .describe('Null for a line sold without a product: an invoice payment link’s payment.'),
    priceId: z.string().nullable(),
    title: z.string(),
    unitAmount: minorUnits,
    quantity: z.number().int(),
    subtotal: minorUnits,
    discount: minorUnits,
    tax: minorUnits,
    total: minorUnits,
  })
  .meta({ id: 'OrderItem' });

export const orderSchema = z
  .object({
    id: z.string().meta({ example: 'ord_3fK9aQ2mZ7xLp0Rt5Vb8Nc' }),
    object: z.literal('order'),
    reference: z.string().meta({ example: '#7K2M9QXA' }),
    status: z.enum(orderStatuses),
    currency: currencyCode,
    subtotal: minorUnits,
    discountTotal: minorUnits,
    taxTotal: minorUnits,
    shippingTotal: minorUnits,
    total: minorUnits,
    amountPaid: minorUnits,
    amountRefunded: minorUnits,
    couponCode: z.string().nullable(),
    customer: customerSchema,
    fulfillment: fulfillmentSchema,
    returnUrl: z.string().nullable(),
    cancelUrl: z.string().nullable(),
    shippingRateId: z.string().nullable(),
    checkoutSessionId: z.string().nullable(),
    needsReview: z.boolean(),
    items: z.array(orderItemSchema),
    createdAt: z.string(),
    paidAt: z.string().nullable(),
  })
  .meta({ id: 'Order' });

export type OrderResource = z.infer<typeof orderSchema>;

export const listOrdersQuerySchema = z.object({
  status: z
    .string()
    .transform((value) => value.split(','))
    .pipe(z.array(z.enum(orderStatuses)))
    .optional()
    .meta({ description: 'Comma-separated statuses, e.g. PENDING,FAILED' }),
  unpaid: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  createdFrom: z.iso.datetime({ offset: true }).optional(),
  createdBefore: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const priceSchema = z
  .object({
    id: z.string(),
    currency: currencyCode,
    unitAmount: minorUnits,
    type: z.enum(['one_time', 'recurring']),
    recurring: z
      .object({
        interval: z.enum(['day', 'week', 'month', 'year']),
        intervalCount: z.number().int(),
      })
      .nullable(),
    taxBehavior: z.enum(['inclusive', 'exclusive']),
  })
  .meta({ id: 'Price' });

export const productSchema = z
  .object({
    id: z.string(),
    object: z.literal('product'),
    name: z.string(),
    description: z.string().nullable(),
    imageUrl: z.string().nullable().meta({ description: 'An https URL of the product’s picture.' }),
    fulfillmentMethods: z.array(z.enum(fulfillmentMethods)).meta({
      description:
        'How an order with this product may be fulfilled; an order whose `fulfillment.method` is not in this list is refused.',
    }),
    inStock: z.boolean(),
    prices: z.array(priceSchema),
  })
  .meta({ id: 'Product' });

/** A cart line is asked for the same way as an order line. */
export const cartItemInputSchema = orderItemInputSchema.meta({ id: 'CartItemInput' });

export const createCartSchema = z
  .strictObject({ items: z.array(cartItemInputSchema).max(100).default([]) })
  .meta({ id: 'CreateCartRequest' });

export const updateCartItemSchema = z
  .strictObject({ quantity: z.number().int().min(1).max(999) })
  .meta({ id: 'UpdateCartItemRequest' });

export const cartSchema = z
  .object({
    id: z.string(),
    object: z.literal('cart'),
    currency: currencyCode.nullable(),
    expiresAt: z.string(),
    orderId: z.string().nullable(),
    items: z.array(
      z.object({
        id: z.string(),
        productId: z.string(),
        priceId: z.string(),
        title: z.string(),
        unitAmount: minorUnits,
        quantity: z.number().int(),
      }),
    ),
    subtotal: minorUnits,
  })
  .meta({ id: 'Cart' });

export const startCheckoutSchema = z
  .strictObject({
    provider: z.enum(PROVIDER_IDS).optional(),
    flow: z.enum(['hosted', 'embedded']).optional(),
    /** Seconds until a new session expires (default 30 minutes). */
    expiresIn: z.number().int().min(60).max(86_400).optional(),
  })
  .meta({ id: 'StartCheckoutRequest' });

export const checkoutSessionSchema = z
  .object({
    sessionId: z.string().meta({ example: 'cs_3fK9aQ2mZ7xLp0Rt5Vb8Nc' }),
    url: z.url().meta({ example: 'http://localhost:3004/c/cs_3fK9aQ2mZ7xLp0Rt5Vb8Nc' }),
    orderId: z.string(),
    status: z.enum(['open', 'complete', 'expired']),
    expiresAt: z.string(),
  })
  .meta({ id: 'CheckoutSession' });

export const confirmOrderSchema = z
  .strictObject({ sessionId: z.string().min(1).max(100) })
  .meta({ id: 'ConfirmOrderRequest' });

const invoiceLinkSchema = z
  .strictObject({
    kind: z.literal('invoice').default('invoice'),
    amount: z.number().int().min(1).max(99_999_999),
    currency: currencyCode,
    description: z.string().trim().min(1).max(500),
    expiresIn: z
      .number()
      .int()
      .min(60)
      .max(60 * 60 * 24 * 30)
      .optional()
      .meta({ description: 'Seconds until the link expires (default 24 h).' }),
  })
  .meta({ id: 'CreateInvoiceLinkRequest' });

const productLinkSchema = z
  .strictObject({
    kind: z.literal('product'),
    priceId: idSchema('price'),
    quantity: z.number().int().min(1).max(999).default(1),
    description: z.string().trim().min(1).max(500).optional(),
  })
  .meta({ id: 'CreateProductLinkRequest' });

/**
 * An invoice link (the default: a fixed amount with a description, paid once) or a product
 * link (`kind: "product"`: one of the tenant's prices, reusable; each buyer gets a fresh order).
 */
export const createPaymentLinkSchema = z
  .union([productLinkSchema, invoiceLinkSchema])
  .meta({ id: 'CreatePaymentLinkRequest' });

export type CreatePaymentLinkInput = z.output<typeof createPaymentLinkSchema>;

export const updatePaymentLinkSchema = z
  .strictObject({ active: z.boolean() })
  .meta({ id: 'UpdatePaymentLinkRequest' });

/** What a shopper types on a product link's landing page before paying. */
export const startPaymentLinkSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
});

export type StartPaymentLinkInput = z.output<typeof startPaymentLinkSchema>;

export const paymentLinkSchema = z
  .object({
    id: z.string().meta({ example: 'plink_3fK9aQ2mZ7xLp0Rt5Vb8Nc' }),
    object: z.literal('payment_link'),
    kind: z.enum(['invoice', 'product']),
    url: z.url(),
    active: z.boolean(),
    /** Invoice: the fixed amount. Product: the price × quantity today. */
    amount: minorUnits,
    currency: z.string(),
    description: z.string().nullable(),
    priceId: z.string().nullable(),
    productId: z.string().nullable(),
    productName: z.string().nullable(),
    quantity: z.number().int(),
    /** Orders the link produced (product links); 1 once an invoice link is paid. */
    uses: z.number().int(),
    paidUses: z.number().int(),
    paidAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'PaymentLink' });

export type PaymentLinkResource = z.infer<typeof paymentLinkSchema>;

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation_error' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
