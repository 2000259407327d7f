import {
  findPaymentLinkById,
  getOrganization,
  getPaymentLinkRow,
  insertPaymentLink,
  listPaymentLinkOrders,
  listPaymentLinks,
  type PaymentLinkKeyset,
  type PaymentLinkRow,
  setPaymentLinkActive,
} from '@prood/db';
import { isId, newId } from '@prood/validators';
import { ApiError, notFound } from '../errors';
import type { RestContext } from '../rest/endpoint';
import type {
  CreatePaymentLinkInput,
  PaymentLinkResource,
  StartPaymentLinkInput,
} from '../schemas';
import { startCheckout } from './checkout';
import type { CheckoutAppClient } from './checkout-app-client';
import type { TenantContext } from './context';
import { resolveLineItems } from './line-items';
import { createOrder } from './orders';

/** Where a product link's landing page lives on the checkout app: `/l/{plink_…}`. */
export const PAYMENT_LINK_PATH = '/l';

/** What the link services need besides the tenant: the checkout app and its public URL. */
export interface PaymentLinkContext extends TenantContext {
  checkoutApp: CheckoutAppClient;
  /** Public base URL of the checkout app (`CHECKOUT_URL`). */
  checkoutUrl: string;
}

/** The shopper-facing URL of a link: the store session's page or the product link's landing page. */
export function paymentLinkUrl(checkoutUrl: string, link: { id: string; kind: string }): string {
  const base = checkoutUrl.replace(/\/+$/, '');
  return link.kind === 'invoice'
    ? `${base}/c/${link.id}`
    : `${base}${PAYMENT_LINK_PATH}/${link.id}`;
}

/** A link as the REST API and the dashboard show it. */
export function toPaymentLinkResource(
  row: PaymentLinkRow,
  checkoutUrl: string,
): PaymentLinkResource {
  const invoice = row.kind === 'invoice';
  const amount = invoice ? (row.amount ?? 0) : (row.unitAmount ?? 0) * row.quantity;
  return {
    id: row.id,
    object: 'payment_link',
    kind: row.kind,
    url: paymentLinkUrl(checkoutUrl, row),
    active: row.active,
    amount,
    currency: (invoice ? row.currency : row.priceCurrency) ?? '',
    description: row.description,
    priceId: row.priceId,
    productId: row.productId,
    productName: row.productName,
    quantity: row.quantity,
    uses: row.uses,
    paidUses: row.paidUses,
    paidAt: row.paidAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

async function loadResource(ctx: PaymentLinkContext, linkId: string) {
  const row = await getPaymentLinkRow(ctx.db, { tenantId: ctx.tenantId, linkId });
  if (!row) throw notFound('payment link');
  return toPaymentLinkResource(row, ctx.checkoutUrl);
}

/**
 * Creates a payment link. An invoice link is the seed's `createPaymentLink` (a `cs_link_…`
 * session in the store, a fixed amount, paid once) recorded as a row with the same id. A product
 * link is a row naming one of the tenant's prices: each buyer gets a fresh order priced from the
 * database and a fresh session.
 *
 * @example
 * await createPaymentLinkRecord(ctx, { kind: 'product', priceId: 'price_…', quantity: 1 });
 */
export async function createPaymentLinkRecord(
  ctx: PaymentLinkContext,
  input: CreatePaymentLinkInput,
): Promise<PaymentLinkResource> {
  if (input.kind === 'product') {
    // the price must be the tenant's, active and in stock, exactly as an order would need it
    const [line] = await resolveLineItems(
      ctx.db,
      ctx.tenantId,
      [{ priceId: input.priceId, quantity: input.quantity }],
      'price',
    );
    if (line && !linkFulfillment(line.product.fulfillmentMethods)) {
      throw new ApiError(
        'validation_error',
        `“${line.product.name}” ships to an address, which a payment link does not ask for: allow digital delivery or pickup for it, or sell it through an order.`,
        { field: 'priceId', allowed: line.product.fulfillmentMethods },
      );
    }
    if (line?.price.type === 'recurring') {
      throw new ApiError(
        'recurring_price_not_allowed',
        'A product link sells one-off prices only.',
        {
          field: 'priceId',
        },
      );
    }
    const link = await insertPaymentLink(ctx.db, {
      tenantId: ctx.tenantId,
      link: {
        id: newId('productLink'),
        kind: 'product',
        priceId: input.priceId,
        quantity: input.quantity,
        description: input.description ?? null,
      },
    });
    ctx.logger.info({ linkId: link.id }, 'product payment link created');
    return loadResource(ctx, link.id);
  }
  const session = await ctx.checkoutApp.createPaymentLink({
    tenantId: ctx.tenantId,
    amount: input.amount,
    currency: input.currency,
    description: input.description,
    expiresIn: input.expiresIn,
  });
  await insertPaymentLink(ctx.db, {
    tenantId: ctx.tenantId,
    link: {
      id: session.id,
      kind: 'invoice',
      amount: input.amount,
      currency: input.currency,
      description: input.description,
      expiresAt: session.expiresAt ? new Date(session.expiresAt) : null,
    },
  });
  ctx.logger.info({ linkId: session.id }, 'invoice payment link created');
  return { ...(await loadResource(ctx, session.id)), url: session.url };
}

export async function listPaymentLinkResources(
  ctx: PaymentLinkContext,
  page: { after?: PaymentLinkKeyset | undefined; limit: number },
) {
  const { rows, next } = await listPaymentLinks(ctx.db, { tenantId: ctx.tenantId, ...page });
  return { data: rows.map((r) => toPaymentLinkResource(r, ctx.checkoutUrl)), next };
}

export function getPaymentLinkResource(ctx: PaymentLinkContext, linkId: string) {
  return loadResource(ctx, linkId);
}

/** A link with the orders it produced (newest first), for its dashboard page. */
export async function getPaymentLinkDetail(ctx: PaymentLinkContext, linkId: string) {
  const link = await loadResource(ctx, linkId);
  const orders = await listPaymentLinkOrders(ctx.db, {
    tenantId: ctx.tenantId,
    linkId,
    limit: 100,
  });
  return {
    link,
    orders: orders.map((o) => ({ ...o, currency: o.currency.trim() })),
  };
}

/**
 * Turns a link on or off. Disabling an invoice link also cancels its session in the store, so
 * nobody can pay it any more; that is final (an invoice link cannot be turned back on).
 */
export async function updatePaymentLink(
  ctx: PaymentLinkContext,
  linkId: string,
  patch: { active: boolean },
): Promise<PaymentLinkResource> {
  const current = await getPaymentLinkRow(ctx.db, { tenantId: ctx.tenantId, linkId });
  if (!current) throw notFound('payment link');
  if (current.active === patch.active) return toPaymentLinkResource(current, ctx.checkoutUrl);
  if (current.kind === 'invoice') {
    if (patch.active) {
      throw new ApiError(
        'payment_link_not_reactivatable',
        'A disabled invoice link cannot be turned back on; create a new one.',
        { field: 'active' },
      );
    }
    if (current.paidAt) {
      throw new ApiError('payment_link_paid', 'This invoice link has already been paid.', {
        field: 'active',
      });
    }
    const canceled = await ctx.checkoutApp.cancelSession(ctx.tenantId, linkId);
    if (canceled.outcome === 'complete') {
      throw new ApiError('payment_link_paid', 'This invoice link has just been paid.', {
        field: 'active',
      });
    }
  }
  await setPaymentLinkActive(ctx.db, { tenantId: ctx.tenantId, linkId, active: patch.active });
  ctx.logger.info({ linkId, active: patch.active }, 'payment link updated');
  return loadResource(ctx, linkId);
}

/** What the checkout app's landing page shows for a product link (no tenant needed: the id says it). */
export interface PaymentLinkLanding {
  id: string;
  tenantId: string;
  active: boolean;
  merchantName: string;
  productName: string;
  description: string | null;
  unitAmount: number;
  quantity: number;
  amount: number;
  currency: string;
}

/** The landing page of a product link, or null for an unknown id (or an invoice link's). */
export async function getPaymentLinkLanding(
  ctx: Pick<TenantContext, 'db'>,
  linkId: string,
): Promise<PaymentLinkLanding | null> {
  if (!isId('productLink', linkId)) return null;
  const link = await findPaymentLinkById(ctx.db, linkId);
  if (!link) return null;
  const [row, organization] = await Promise.all([
    getPaymentLinkRow(ctx.db, { tenantId: link.tenantId, linkId }),
    getOrganization(ctx.db, { tenantId: link.tenantId }),
  ]);
  if (!row || !organization) return null;
  const unitAmount = row.unitAmount ?? 0;
  return {
    id: row.id,
    tenantId: row.tenantId,
    active: row.active,
    merchantName: organization.name,
    productName: row.productName ?? '',
    description: row.description,
    unitAmount,
    quantity: row.quantity,
    amount: unitAmount * row.quantity,
    currency: row.priceCurrency ?? '',
  };
}

/**
 * A shopper starts paying through a product link: a fresh PENDING order for the link's price
 * (amount from the database, never from the request) that remembers the link, then a fresh
 * checkout session for it. A disabled link answers 409 `payment_link_inactive`.
 */
export async function startPaymentLinkCheckout(
  ctx: Omit<RestContext, 'tenantId'>,
  linkId: string,
  input: StartPaymentLinkInput,
): Promise<{ orderId: string; sessionId: string; url: string }> {
  const link = isId('productLink', linkId) ? await findPaymentLinkById(ctx.db, linkId) : undefined;
  if (link?.kind !== 'product' || !link.priceId) throw notFound('payment link');
  if (!link.active) {
    throw new ApiError('payment_link_inactive', 'This payment link is no longer active.');
  }
  const tenant = {
    ...ctx,
    tenantId: link.tenantId,
    logger: ctx.logger.child({ tenantId: link.tenantId }),
  };
  const [line] = await resolveLineItems(
    ctx.db,
    link.tenantId,
    [{ priceId: link.priceId, quantity: link.quantity }],
    'price',
  );
  // the product's delivery may have changed since the link was made; createOrder refuses what
  // it no longer allows, with the product's own words
  const method = (line && linkFulfillment(line.product.fulfillmentMethods)) ?? 'digital';
  const created = await createOrder(
    tenant,
    {
      items: [{ priceId: link.priceId, quantity: link.quantity }],
      customer: { name: input.name, email: input.email },
      fulfillment: { method },
    },
    { paymentLinkId: link.id },
  );
  const session = await startCheckout(tenant, created.order.id, {});
  return { orderId: created.order.id, sessionId: session.id, url: session.url };
}

/**
 * How a product link's order is delivered: the landing page asks only for a name and an email,
 * so a link sells what is delivered digitally or picked up, never what ships to an address.
 */
function linkFulfillment(allowed: readonly string[]): 'digital' | 'pickup' | undefined {
  if (allowed.includes('digital')) return 'digital';
  if (allowed.includes('pickup')) return 'pickup';
  return undefined;
}

/** An opaque page cursor for `GET /v1/payment-links` (the keyset of the last row). */
export function encodeLinkCursor(keyset: PaymentLinkKeyset): string {
  return Buffer.from(`${keyset.createdAt}|${keyset.id}`).toString('base64url');
}

const KEYSET_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The keyset a cursor names; a malformed cursor is a 400, never a 500. */
export function decodeLinkCursor(cursor: string | undefined): PaymentLinkKeyset | undefined {
  if (!cursor) return undefined;
  const [createdAt, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id || rest.length > 0 || !KEYSET_AT.test(createdAt) || id.length > 64) {
    throw new ApiError('validation_error', 'The cursor is not valid.', { field: 'cursor' });
  }
  return { createdAt, id };
}
