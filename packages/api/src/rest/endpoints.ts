import { idSchema } from '@prood/validators';
import { z } from 'zod';
import { subscriptionSchema, toSubscriptionResource } from '../events/resources';
import { eventEndpoints } from '../events/rest-endpoints';
import { confirmOrderPayment } from '../payments/confirm';
import { refundOrder } from '../payments/refunds';
import { paymentDepsFor } from '../payments/runtime';
import { createRefundSchema, refundSchema } from '../payments/schemas';
import {
  cartItemInputSchema,
  cartSchema,
  checkoutSessionSchema,
  confirmOrderSchema,
  createCartSchema,
  createOrderSchema,
  createPaymentLinkSchema,
  listOrdersQuerySchema,
  orderSchema,
  paymentLinkSchema,
  productSchema,
  startCheckoutSchema,
  updateCartItemSchema,
  updatePaymentLinkSchema,
} from '../schemas';
import { createBillingPortal, listSubscriptions } from '../services/billing-portal';
import {
  addCartItem,
  createCart,
  getCart,
  removeCartItem,
  updateCartItem,
} from '../services/carts';
import { getCatalogProduct, listCatalog, type ProductWithPrices } from '../services/catalog';
import { startCheckout } from '../services/checkout';
import {
  cancelOrder,
  createOrder,
  getOrderWithItems,
  listOrdersWithItems,
  toOrderResource,
} from '../services/orders';
import {
  createPaymentLinkRecord,
  decodeLinkCursor,
  encodeLinkCursor,
  getPaymentLinkResource,
  listPaymentLinkResources,
  updatePaymentLink,
} from '../services/payment-links';
import { defineEndpoint, type Endpoint, type RestContext } from './endpoint';

const orderParams = z.object({ id: idSchema('order') });
const cartParams = z.object({ id: idSchema('cart') });
const linkParams = z.object({
  id: z.union([idSchema('paymentLink'), idSchema('productLink')]),
});

const linkContext = (ctx: RestContext) => ({
  ...ctx,
  checkoutUrl: ctx.config.checkoutUrl ?? 'http://localhost:3004',
});
const cartItemParams = z.object({ id: idSchema('cart'), itemId: idSchema('cartItem') });

function toProductResource(product: ProductWithPrices) {
  return {
    id: product.id,
    object: 'product' as const,
    name: product.name,
    description: product.description,
    imageUrl: product.imageUrl,
    fulfillmentMethods: product.fulfillmentMethods,
    inStock: !product.trackStock || (product.stock ?? 0) > 0,
    prices: product.prices.map((p) => ({
      id: p.id,
      currency: p.currency,
      unitAmount: p.unitAmount,
      type: p.type,
      recurring: p.recurringInterval
        ? { interval: p.recurringInterval, intervalCount: p.recurringIntervalCount ?? 1 }
        : null,
      taxBehavior: p.taxBehavior,
    })),
  };
}

/** Every storefront REST operation, in the order the reference lists them. */
export const restEndpoints: Endpoint[] = [
  defineEndpoint({
    method: 'GET',
    path: '/v1/products',
    operationId: 'listProducts',
    summary: 'List products',
    description: 'Active products with their active prices.',
    tag: 'Catalog',
    response: z.object({ object: z.literal('list'), data: z.array(productSchema) }),
    errors: [],
    handler: async ({ ctx }) => ({
      object: 'list',
      data: (await listCatalog(ctx)).map(toProductResource),
    }),
  }),
  defineEndpoint({
    method: 'GET',
    path: '/v1/products/{id}',
    operationId: 'getProduct',
    summary: 'Retrieve a product',
    tag: 'Catalog',
    params: z.object({ id: idSchema('product') }),
    response: productSchema,
    errors: ['not_found'],
    handler: async ({ ctx, params }) => toProductResource(await getCatalogProduct(ctx, params.id)),
  }),
  defineEndpoint({
    method: 'POST',
    path: '/v1/carts',
    operationId: 'createCart',
    summary: 'Create a cart',
    description: 'A server-side cart. It expires after a configurable time without changes.',
    tag: 'Carts',
    body: createCartSchema,
    response: cartSchema,
    successStatus: 201,
    errors: [
      'validation_error',
      'not_found',
      'product_inactive',
      'price_inactive',
      'out_of_stock',
      'currency_mismatch',
    ],
    handler: ({ ctx, body }) => createCart(ctx, body, ctx.config.cartTtlMs),
  }),
  defineEndpoint({
    method: 'GET',
    path: '/v1/carts/{id}',
    operationId: 'getCart',
    summary: 'Retrieve a cart',
    tag: 'Carts',
    params: cartParams,
    response: cartSchema,
    errors: ['not_found'],
    handler: ({ ctx, params }) => getCart(ctx, params.id),
  }),
  defineEndpoint({
    method: 'POST',
    path: '/v1/carts/{id}/items',
    operationId: 'addCartItem',
    summary: 'Add an item to a cart',
    tag: 'Carts',
    params: cartParams,
    body: cartItemInputSchema,
    response: cartSchema,
    errors: [
      'validation_error',
      'not_found',
      'cart_closed',
      'out_of_stock',
      'currency_mismatch',
      'product_inactive',
    ],
    handler: ({ ctx, params, body }) => addCartItem(ctx, params.id, body, ctx.config.cartTtlMs),
  }),
  defineEndpoint({
    method: 'PATCH',
    path: '/v1/carts/{id}/items/{itemId}',
    operationId: 'updateCartItem',
    summary: 'Change the quantity of a cart item',
    tag: 'Carts',
    params: cartItemParams,
    body: updateCartItemSchema,
    response: cartSchema,
    errors: ['validation_error', 'not_found', 'cart_closed', 'out_of_stock'],
    handler: ({ ctx, params, body }) =>
      updateCartItem(ctx, params.id, params.itemId, body.quantity, ctx.config.cartTtlMs),
  }),
  defineEndpoint({
    method: 'DELETE',
    path: '/v1/carts/{id}/items/{itemId}',
    operationId: 'removeCartItem',
    summary: 'Remove an item from a cart',
    tag: 'Carts',
    params: cartItemParams,
    response: cartSchema,
    errors: ['not_found', 'cart_closed'],
    handler: ({ ctx, params }) =>
      removeCartItem(ctx, params.id, params.itemId, ctx.config.cartTtlMs),
  }),
  defineEndpoint({
    method: 'POST',
    path: '/v1/orders',
    operationId: 'createOrder',
    summary: 'Create an order',
    description:
      'From a cart (`cartId`) or from `items`. The server computes line totals, discount, tax and total from its own prices, coupon and tax rates; any price or total in the request is ignored. Tax follows the shipping address country, else `customer.country`.',
    tag: 'Orders',
    body: createOrderSchema,
    response: orderSchema,
    successStatus: 201,
    errors: [
      'validation_error',
      'invalid_json',
      'not_found',
      'product_inactive',
      'price_inactive',
      'out_of_stock',
      'currency_mismatch',
      'recurring_price_not_allowed',
      'coupon_not_found',
      'coupon_expired',
      'coupon_exhausted',
      'coupon_inactive',
      'coupon_minimum_not_met',
      'coupon_already_used',
      'coupon_currency_mismatch',
      'invalid_redirect_url',
      'cart_closed',
      'idempotency_key_reused',
      'idempotency_in_progress',
    ],
    handler: async ({ ctx, body }) => toOrderResource(await createOrder(ctx, body)),
  }),
  defineEndpoint({
    method: 'GET',
    path: '/v1/orders',
    operationId: 'listOrders',
    summary: 'List orders',
    description: 'Newest first. Filter by status, creation time, or unpaid (PENDING or FAILED).',
    tag: 'Orders',
    query: listOrdersQuerySchema,
    response: z.object({ object: z.literal('list'), data: z.array(orderSchema) }),
    errors: ['validation_error'],
    handler: async ({ ctx, query }) => ({
      object: 'list',
      data: (
        await listOrdersWithItems(ctx, {
          ...(query.status ? { status: query.status } : {}),
          ...(query.unpaid !== undefined ? { unpaid: query.unpaid } : {}),
          ...(query.createdFrom ? { createdFrom: new Date(query.createdFrom) } : {}),
          ...(query.createdBefore ? { createdBefore: new Date(query.createdBefore) } : {}),
          limit: query.limit,
        })
      ).map(toOrderResource),
    }),
  }),
  defineEndpoint({
    method: 'GET',
    path: '/v1/orders/{id}',
    operationId: 'getOrder',
    summary: 'Retrieve an order',
    tag: 'Orders',
    params: orderParams,
    response: orderSchema,
    errors: ['not_found'],
    handler: async ({ ctx, params }) => toOrderResource(await getOrderWithItems(ctx, params.id)),
  }),
  defineEndpoint({
    method: 'POST',
    path: '/v1/orders/{id}/cancel',
    operationId: 'cancelOrder',
    summary: 'Cancel an unpaid order',
    tag: 'Orders',
    params: orderParams,
    response: orderSchema,
    errors: ['not_found', 'conflict'],
    handler: async ({ ctx, params }) => toOrderResource(await cancelOrder(ctx, params.id)),
  }),
  defineEndpoint({
    method: 'POST',
    path: '/v1/orders/{id}/checkout',
    tenantRateLimit: 'sessionCreation',
    operationId: 'startCheckout',
    summary: 'Start checkout for an order',
    description:
      'Returns the hosted checkout URL. Idempotent: an open session for the order is returned again; a paid order answers 409 `order_already_paid`; an expired session starts a new attempt.',
    tag: 'Checkout',
    params: orderParams,
    body: startCheckoutSchema,
    response: checkoutSessionSchema,
    errors: [
      'not_found',
      'order_already_paid',
      'order_not_payable',
      'provider_not_configured',
      'checkout_unavailable',
    ],
    handler: async ({ ctx, params, body }) => {
      const session = await startCheckout(ctx, params.id, body);
      return {
        sessionId: session.id,
        url: session.url,
        orderId: session.orderId,
        status: session.status,
        expiresAt: session.expiresAt,
      };
    },
  }),
  defineEndpoint({
    method: 'POST',
    path: '/v1/orders/{id}/confirm',
    operationId: 'confirmOrder',
    summary: 'Confirm an order after checkout',
    description:
      'Called by the success page with the checkout session id. Returns the order as it stands; a paid session is reconciled with the provider before answering.',
    tag: 'Checkout',
    params: orderParams,
    body: confirmOrderSchema,
    response: orderSchema,
    errors: ['not_found', 'checkout_unavailable', 'provider_unavailable'],
    handler: async ({ ctx, params, body }) => {
      const deps = paymentDepsFor(ctx);
      await confirmOrderPayment(deps, ctx, params.id, body.sessionId, deps);
      return toOrderResource(await getOrderWithItems(ctx, params.id));
    },
  }),
  defineEndpoint({
    method: 'POST',
    path: '/v1/orders/{id}/refunds',
    operationId: 'refundOrder',
    summary: 'Refund an order',
    description:
      'Full (omit `amount`) or partial refund through the payment provider. Never more than was paid in total, also under concurrent requests. Send an `Idempotency-Key` to make retries safe.',
    tag: 'Orders',
    params: orderParams,
    body: createRefundSchema,
    response: refundSchema,
    successStatus: 201,
    errors: [
      'validation_error',
      'not_found',
      'order_not_refundable',
      'refund_exceeds_paid',
      'refund_not_supported',
      'refund_declined',
      'provider_unavailable',
      'idempotency_key_reused',
      'idempotency_in_progress',
    ],
    handler: async ({ ctx, params, body }) => {
      const refund = await refundOrder(paymentDepsFor(ctx), ctx, params.id, body);
      return {
        id: refund.id,
        object: 'refund',
        orderId: refund.orderId,
        amount: refund.amount,
        currency: refund.currency,
        status: refund.status,
        reason: refund.reason,
        createdAt: refund.createdAt.toISOString(),
      };
    },
  }),
  defineEndpoint({
    method: 'POST',
    path: '/v1/payment-links',
    tenantRateLimit: 'sessionCreation',
    operationId: 'createPaymentLink',
    summary: 'Create a payment link',
    description:
      'An invoice link (default): a fixed `amount` with a `description`, paid once, expiring after 24 hours unless `expiresIn` says otherwise. A product link (`kind: "product"`): one of your prices (`priceId`, `quantity`), reusable; every buyer gets a fresh order priced from the catalog and a fresh checkout session.',
    tag: 'Payment links',
    body: createPaymentLinkSchema,
    response: paymentLinkSchema,
    successStatus: 201,
    errors: [
      'validation_error',
      'not_found',
      'product_inactive',
      'price_inactive',
      'out_of_stock',
      'recurring_price_not_allowed',
      'provider_not_configured',
      'checkout_unavailable',
    ],
    handler: ({ ctx, body }) => createPaymentLinkRecord(linkContext(ctx), body),
  }),
  defineEndpoint({
    method: 'GET',
    path: '/v1/payment-links',
    operationId: 'listPaymentLinks',
    summary: 'List payment links',
    description:
      'Newest first, with how many orders each produced. `nextCursor` (when not null) is passed as `cursor` for the next page.',
    tag: 'Payment links',
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(25),
      cursor: z.string().max(200).optional(),
    }),
    response: z.object({
      object: z.literal('list'),
      data: z.array(paymentLinkSchema),
      nextCursor: z.string().nullable(),
    }),
    errors: ['validation_error'],
    handler: async ({ ctx, query }) => {
      const page = await listPaymentLinkResources(linkContext(ctx), {
        limit: query.limit,
        after: decodeLinkCursor(query.cursor),
      });
      return {
        object: 'list',
        data: page.data,
        nextCursor: page.next ? encodeLinkCursor(page.next) : null,
      };
    },
  }),
  defineEndpoint({
    method: 'GET',
    path: '/v1/payment-links/{id}',
    operationId: 'getPaymentLink',
    summary: 'Retrieve a payment link',
    tag: 'Payment links',
    params: linkParams,
    response: paymentLinkSchema,
    errors: ['not_found'],
    handler: ({ ctx, params }) => getPaymentLinkResource(linkContext(ctx), params.id),
  }),
  defineEndpoint({
    method: 'POST',
    path: '/v1/payment-links/{id}',
    operationId: 'updatePaymentLink',
    summary: 'Enable or disable a payment link',
    description:
      'A disabled product link shows shoppers a "no longer active" page. Disabling an invoice link cancels its session; that is final.',
    tag: 'Payment links',
    params: linkParams,
    body: updatePaymentLinkSchema,
    response: paymentLinkSchema,
    errors: [
      'validation_error',
      'not_found',
      'payment_link_paid',
      'payment_link_not_reactivatable',
      'checkout_unavailable',
    ],
    handler: ({ ctx, params, body }) => updatePaymentLink(linkContext(ctx), params.id, body),
  }),
  defineEndpoint({
    method: 'POST',
    path: '/v1/customers/{id}/billing-portal',
    operationId: 'createBillingPortalSession',
    summary: 'Open the billing portal for a customer',
    description:
      'Returns a provider-hosted page where the customer manages subscriptions and payment methods. Supported where the provider has one (Stripe).',
    tag: 'Subscriptions',
    params: z.object({ id: idSchema('customer') }),
    body: z.strictObject({ returnUrl: z.url().max(2048) }).meta({ id: 'BillingPortalRequest' }),
    response: z.object({ url: z.url() }).meta({ id: 'BillingPortalSession' }),
    errors: [
      'not_found',
      'invalid_redirect_url',
      'billing_portal_not_supported',
      'provider_unavailable',
    ],
    handler: ({ ctx, params, body }) =>
      createBillingPortal(ctx, { customerId: params.id, returnUrl: body.returnUrl }),
  }),
  defineEndpoint({
    method: 'GET',
    path: '/v1/subscriptions',
    operationId: 'listSubscriptions',
    summary: 'List subscriptions',
    description:
      'Kept current by the provider’s subscription events. `customerId` opens the billing portal.',
    tag: 'Subscriptions',
    query: z.object({
      orderId: idSchema('order').optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
    response: z.object({
      object: z.literal('list'),
      data: z.array(subscriptionSchema),
    }),
    errors: ['validation_error'],
    handler: async ({ ctx, query }) => ({
      object: 'list',
      data: (await listSubscriptions(ctx, query)).map(toSubscriptionResource),
    }),
  }),
  ...eventEndpoints,
];
