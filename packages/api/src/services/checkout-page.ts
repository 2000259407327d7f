import {
  type Executor,
  findOrderByCheckoutSessionId,
  getCheckoutSettings,
  getCouponCode,
  getOrder,
  getOrganization,
  isPaidStatus,
  listOrderItems,
  listPrices,
  listShippingRates,
  listTaxRates,
  lockOrder,
  type Order,
  type OrderItem,
  type Price,
  priceIdsOf,
  updateOrderInStatus,
  updateOrderItemPricing,
  withCheckoutDefaults,
} from '@prood/db';
import type { OrderCustomer } from '@prood/db/schema';
import {
  type CheckoutOrderChange,
  type CheckoutOrderPayment,
  type CheckoutPageView,
  checkoutOrderChangeSchema,
  checkoutPageOrderSchema,
} from '@prood/validators';
import { postcodeValidator, postcodeValidatorExistsForCountry } from 'postcode-validator';
import { ApiError, notFound } from '../errors';
import { checkoutLinesForOrder } from './checkout';
import { priceOrder, shippingAmountFor } from './pricing';

/** A tenant's checkout page settings with the defaults filled in. */
export interface CheckoutBranding {
  displayName: string;
  logoUrl: string | null;
  accentColor: string | null;
  defaultLocale: string;
  shippingCountries: string[];
  collectPhone: boolean;
  adjustableQuantity: boolean;
  collectTaxId: boolean;
  termsUrl: string | null;
  stripeFlow: 'embedded' | 'hosted';
}

/** The settings the checkout page wears for a tenant (defaults when it saved none). */
export async function resolveCheckoutBranding(
  db: Executor,
  scope: { tenantId: string },
): Promise<CheckoutBranding> {
  const [organization, settings] = await Promise.all([
    getOrganization(db, scope),
    getCheckoutSettings(db, scope),
  ]);
  if (!organization) throw notFound('account');
  const resolved = withCheckoutDefaults(settings);
  return {
    ...resolved,
    displayName: resolved.displayName ?? organization.name,
    logoUrl: resolved.logoUrl ?? organization.logo ?? null,
  };
}

export interface CheckoutPageLine {
  id: string;
  title: string;
  unitAmount: number;
  quantity: number;
  subtotal: number;
  recurring: { interval: 'day' | 'week' | 'month' | 'year'; intervalCount: number } | null;
}

export interface CheckoutPageShippingOption {
  id: string;
  name: string;
  /** What the shopper pays for it on this order (0 when it is free above an amount). */
  amount: number;
  regularAmount: number;
  freeAbove: number | null;
  minDeliveryDays: number | null;
  maxDeliveryDays: number | null;
}

/** Everything the checkout page shows about an order, all from the database. */
export interface CheckoutPageOrder {
  order: Order;
  lines: CheckoutPageLine[];
  couponCode: string | null;
  tax: { name: string; rateBps: number; inclusive: boolean } | null;
  shippingOptions: CheckoutPageShippingOption[];
  needsAddress: boolean;
}

const ADDRESS_METHODS: ReadonlySet<Order['fulfillment']> = new Set(['shipping', 'local_delivery']);

/** The order behind a checkout page, scoped to its tenant; another tenant's id is 404. */
export async function getCheckoutPageOrder(
  db: Executor,
  scope: { tenantId: string; orderId: string },
): Promise<CheckoutPageOrder> {
  // both scoped to the tenant; read together, the page waits for one round trip, not two
  const [order, items] = await Promise.all([getOrder(db, scope), listOrderItems(db, scope)]);
  if (!order) throw notFound('order');
  const [priceRows, couponCode, rates, taxRows] = await Promise.all([
    items.length ? listPrices(db, { ...scope, priceIds: priceIdsOf(items) }) : [],
    order.couponId
      ? getCouponCode(db, { tenantId: scope.tenantId, couponId: order.couponId })
      : null,
    ADDRESS_METHODS.has(order.fulfillment)
      ? listShippingRates(db, { tenantId: scope.tenantId, currency: order.currency })
      : [],
    taxCountry(order.customer)
      ? listTaxRates(db, { tenantId: scope.tenantId, country: taxCountry(order.customer) ?? '' })
      : [],
  ]);
  const merchandise = order.subtotal - order.discountTotal;
  const firstTaxed = items.find((i) => i.taxRateBps > 0);
  return {
    order,
    lines: items.map((item) =>
      toPageLine(
        item,
        priceRows.find((p) => p.id === item.priceId),
      ),
    ),
    couponCode,
    tax: firstTaxed
      ? {
          name: taxRows[0]?.name ?? 'Tax',
          rateBps: firstTaxed.taxRateBps,
          inclusive: firstTaxed.taxInclusive,
        }
      : null,
    shippingOptions: rates.map((rate) => ({
      id: rate.id,
      name: rate.name,
      amount: shippingAmountFor(rate, merchandise),
      regularAmount: rate.amount,
      freeAbove: rate.freeAbove,
      minDeliveryDays: rate.minDeliveryDays,
      maxDeliveryDays: rate.maxDeliveryDays,
    })),
    needsAddress: ADDRESS_METHODS.has(order.fulfillment),
  };
}

function toPageLine(
  item: OrderItem,
  price: Pick<Price, 'recurringInterval' | 'recurringIntervalCount'> | undefined,
): CheckoutPageLine {
  return {
    id: item.id,
    title: item.title,
    unitAmount: item.unitAmount,
    quantity: item.quantity,
    subtotal: item.lineSubtotal,
    recurring: price?.recurringInterval
      ? { interval: price.recurringInterval, intervalCount: price.recurringIntervalCount ?? 1 }
      : null,
  };
}

function taxCountry(customer: OrderCustomer): string | null {
  return customer.address?.country ?? customer.country ?? null;
}

// the shopper's change is wire format: the checkout app and this service share its schema
export { type CheckoutOrderChange, checkoutOrderChangeSchema };

const PAYABLE: ReadonlySet<Order['status']> = new Set(['PENDING', 'FAILED']);

/**
 * Applies one shopper change to an unpaid order and reprices it on the server, in one
 * transaction with the order row locked: the new total is what the database says, never what a
 * browser sent. Answers the repriced order; the caller moves the checkout session's amount.
 *
 * @example
 * await updateCheckoutOrder(db, { tenantId, orderId }, { kind: 'coupon', code: 'WELCOME10' });
 */
export async function updateCheckoutOrder(
  db: Executor,
  scope: { tenantId: string; orderId: string },
  input: unknown,
): Promise<Order> {
  const parsed = checkoutOrderChangeSchema.safeParse(input);
  if (!parsed.success) {
    throw new ApiError('validation_error', 'The change is not valid.', {
      issues: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  }
  const change = parsed.data;
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, scope);
    if (!order) throw notFound('order');
    if (!PAYABLE.has(order.status)) {
      throw new ApiError('order_not_payable', 'This order can no longer be changed.', {
        status: order.status,
      });
    }
    const items = await listOrderItems(tx, { tenantId: scope.tenantId, orderId: order.id });
    let customer: OrderCustomer = order.customer;
    let couponCode = order.couponId
      ? await getCouponCode(tx, { tenantId: scope.tenantId, couponId: order.couponId })
      : null;
    let shippingRateId = order.shippingRateId;
    const quantities = new Map(items.map((i) => [i.id, i.quantity]));

    switch (change.kind) {
      case 'contact':
        customer = { ...customer, email: change.email.toLowerCase(), phone: change.phone || null };
        break;
      case 'address': {
        const branding = await resolveCheckoutBranding(tx, scope);
        const { country, postalCode } = change.address;
        if (
          branding.shippingCountries.length > 0 &&
          !branding.shippingCountries.includes(country)
        ) {
          throw new ApiError('country_not_shipped', 'The shop does not ship to this country.', {
            field: 'address.country',
          });
        }
        if (postcodeValidatorExistsForCountry(country) && !postcodeValidator(postalCode, country)) {
          throw new ApiError('postal_code_invalid', 'This postcode is not valid for the country.', {
            field: 'address.postalCode',
          });
        }
        customer = {
          ...customer,
          name: change.name,
          address: {
            line1: change.address.line1,
            line2: change.address.line2 || null,
            city: change.address.city,
            postalCode,
            state: change.address.state || null,
            country,
          },
          taxId: change.taxId || null,
        };
        break;
      }
      case 'shipping_rate':
        shippingRateId = change.shippingRateId;
        break;
      case 'coupon':
        couponCode = change.code;
        break;
      case 'remove_coupon':
        couponCode = null;
        break;
      case 'quantity': {
        const branding = await resolveCheckoutBranding(tx, scope);
        if (!branding.adjustableQuantity || !quantities.has(change.itemId)) {
          throw new ApiError('quantity_not_adjustable', 'This quantity cannot be changed.', {
            field: 'quantity',
          });
        }
        quantities.set(change.itemId, change.quantity);
        break;
      }
    }

    const priced = await priceOrder(tx, {
      tenantId: scope.tenantId,
      currency: order.currency,
      lines: items.map((i) => ({
        unitAmount: i.unitAmount,
        quantity: quantities.get(i.id) ?? i.quantity,
      })),
      couponCode,
      email: customer.email,
      country: taxCountry(customer),
      shippingRateId,
    });
    const { totals } = priced;
    await Promise.all(
      items.map((item, index) => {
        const line = totals.lines[index];
        if (!line) throw new Error('totals and lines differ in length');
        return updateOrderItemPricing(
          tx,
          { tenantId: scope.tenantId, itemId: item.id },
          {
            quantity: quantities.get(item.id) ?? item.quantity,
            lineSubtotal: line.subtotal,
            lineDiscount: line.discount,
            lineTax: line.tax,
            lineTotal: line.total,
            taxRateBps: priced.taxRate?.rateBps ?? 0,
            taxInclusive: priced.taxRate?.inclusive ?? false,
          },
        );
      }),
    );
    const updated = await updateOrderInStatus(
      tx,
      { tenantId: scope.tenantId, orderId: order.id, statuses: [...PAYABLE] },
      {
        customer,
        customerEmail: customer.email,
        couponId: priced.coupon?.id ?? null,
        shippingRateId: priced.shippingRate?.id ?? null,
        subtotal: totals.subtotal,
        discountTotal: totals.discountTotal,
        taxTotal: totals.taxTotal,
        shippingTotal: totals.shippingTotal,
        total: totals.total,
      },
    );
    if (!updated) throw new ApiError('order_not_payable', 'This order can no longer be changed.');
    return updated;
  });
}

/**
 * What one render of the checkout page shows, in one answer: the tenant's page settings and,
 * when the session is for an order, the order (wire format: only the fields the page shows).
 * Another tenant's order is 404.
 *
 * @example
 * await getCheckoutPageView(db, { tenantId: 'org_…', orderId: 'ord_…' }); // { tenantId, branding, order }
 */
export async function getCheckoutPageView(
  db: Executor,
  scope: { tenantId: string; orderId: string | null },
): Promise<CheckoutPageView> {
  const { orderId } = scope;
  const [branding, order] = await Promise.all([
    resolveCheckoutBranding(db, scope),
    orderId ? getCheckoutPageOrder(db, { tenantId: scope.tenantId, orderId }) : null,
  ]);
  return {
    tenantId: scope.tenantId,
    branding,
    // parsing strips the row to the wire's fields (no tenant ids, snapshots or provider data)
    order: order
      ? checkoutPageOrderSchema.parse({
          ...order,
          paid: isPaidStatus(order.order.status),
          payable: PAYABLE.has(order.order.status),
        })
      : null,
  };
}

/**
 * The page of a session id only an order still names (the session left the store, or the
 * store cannot be read): the order's tenant decides the settings. Null when no order names it.
 */
export async function getCheckoutPageViewBySession(
  db: Executor,
  input: { checkoutSessionId: string },
): Promise<CheckoutPageView | null> {
  const ref = await findOrderByCheckoutSessionId(db, input);
  if (!ref) return null;
  return getCheckoutPageView(db, { tenantId: ref.tenantId, orderId: ref.id });
}

/**
 * What the checkout app needs to start a payment for an order, or to keep its session's
 * amount in step after a change: the repriced total, whether it is payable, whether a shipping
 * option must still be chosen, and the lines and mode the provider charges.
 */
export async function getCheckoutOrderPayment(
  db: Executor,
  scope: { tenantId: string; orderId: string },
): Promise<CheckoutOrderPayment> {
  const [order, lines, organization] = await Promise.all([
    getOrder(db, scope),
    checkoutLinesForOrder(db, scope),
    getOrganization(db, scope),
  ]);
  if (!order || !organization) throw notFound('order');
  const shippingRequired =
    !order.shippingRateId &&
    ADDRESS_METHODS.has(order.fulfillment) &&
    (await listShippingRates(db, { tenantId: scope.tenantId, currency: order.currency })).length >
      0;
  return {
    orderId: order.id,
    status: order.status,
    payable: PAYABLE.has(order.status),
    total: order.total,
    currency: order.currency,
    shippingRequired,
    mode: lines.mode,
    lineItems: lines.lineItems,
    allowPromotionCodes: organization.allowPromotionCodes ?? false,
  };
}
