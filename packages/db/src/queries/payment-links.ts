import { and, count, desc, eq, inArray, isNull, max, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { orders, paymentLinks, prices, products } from '../schema';
import { scoped, type TenantScope } from './scope';

export type PaymentLink = typeof paymentLinks.$inferSelect;
export type NewPaymentLink = Omit<
  typeof paymentLinks.$inferInsert,
  'tenantId' | 'createdAt' | 'updatedAt'
>;

/** A link with what the dashboard shows beside it: the product/price and the orders it made. */
export interface PaymentLinkRow extends PaymentLink {
  productId: string | null;
  productName: string | null;
  unitAmount: number | null;
  priceCurrency: string | null;
  /**
   * Orders this link produced: every visit of a product link; an invoice link's one order once
   * paid (a link paid before its payments became orders counts its `paid_at` instead).
   */
  uses: number;
  /** Of those, the ones paid (or refunded after paying). */
  paidUses: number;
  lastUsedAt: Date | null;
}

/** Where a keyset page starts: the last row of the page before (see `listDashboardOrders`). */
export interface PaymentLinkKeyset {
  createdAt: string;
  id: string;
}

const keysetAt = sql<string>`to_char(${paymentLinks.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const PAID_STATUSES = ['PAID', 'FULFILLED', 'PARTIALLY_REFUNDED', 'REFUNDED'] as const;

export async function insertPaymentLink(
  db: Executor,
  scope: TenantScope & { link: NewPaymentLink },
): Promise<PaymentLink> {
  const [row] = await db
    .insert(paymentLinks)
    .values({ ...scope.link, tenantId: scope.tenantId })
    .returning();
  if (!row) throw new Error('payment link insert returned nothing');
  return row;
}

function linkRowsQuery(db: Executor, where: SQL) {
  const uses = db
    .select({
      linkId: orders.paymentLinkId,
      uses: count().as('uses'),
      paidUses:
        sql<number>`count(*) filter (where ${inArray(orders.status, [...PAID_STATUSES])})`.as(
          'paid_uses',
        ),
      lastUsedAt: max(orders.createdAt).as('last_used_at'),
    })
    .from(orders)
    .where(sql`${orders.paymentLinkId} is not null`)
    .groupBy(orders.paymentLinkId)
    .as('link_uses');
  return db
    .select({
      link: paymentLinks,
      productId: products.id,
      productName: products.name,
      unitAmount: prices.unitAmount,
      priceCurrency: prices.currency,
      uses: uses.uses,
      paidUses: uses.paidUses,
      lastUsedAt: uses.lastUsedAt,
      keysetAt,
    })
    .from(paymentLinks)
    .leftJoin(
      prices,
      and(eq(prices.id, paymentLinks.priceId), eq(prices.tenantId, paymentLinks.tenantId)),
    )
    .leftJoin(products, eq(products.id, prices.productId))
    .leftJoin(uses, eq(uses.linkId, paymentLinks.id))
    .where(where);
}

type JoinedRow = Awaited<ReturnType<typeof linkRowsQuery>>[number];

function toRow(r: JoinedRow): PaymentLinkRow {
  // paid before invoice payments became orders: the link row alone remembers the payment
  const invoicePaid = r.link.kind === 'invoice' && r.link.paidAt && !r.uses ? 1 : 0;
  return {
    ...r.link,
    productId: r.productId,
    productName: r.productName,
    unitAmount: r.unitAmount,
    priceCurrency: r.priceCurrency?.trim() ?? null,
    currency: r.link.currency?.trim() ?? null,
    uses: Number(r.uses ?? 0) + invoicePaid,
    paidUses: Number(r.paidUses ?? 0) + invoicePaid,
    lastUsedAt: r.lastUsedAt ? new Date(r.lastUsedAt) : invoicePaid ? r.link.paidAt : null,
  };
}

/**
 * One page of a tenant's payment links, newest first, by keyset (created, id), each with its
 * product/price and how many orders it produced. `next` starts the following page, or is null.
 *
 * @example
 * const { rows, next } = await listPaymentLinks(db, { tenantId, limit: 25 });
 */
export async function listPaymentLinks(
  db: Executor,
  filter: TenantScope & { after?: PaymentLinkKeyset | undefined; limit: number },
): Promise<{ rows: PaymentLinkRow[]; next: PaymentLinkKeyset | null }> {
  const limit = Math.min(Math.max(filter.limit, 1), 100);
  const after = filter.after
    ? sql`(${paymentLinks.createdAt}, ${paymentLinks.id}) < (${filter.after.createdAt}::timestamptz, ${filter.after.id})`
    : undefined;
  const found = await linkRowsQuery(db, scoped(paymentLinks, filter, after))
    .orderBy(desc(paymentLinks.createdAt), desc(paymentLinks.id))
    .limit(limit + 1);
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.map(toRow),
    next: found.length > limit && last ? { createdAt: last.keysetAt, id: last.link.id } : null,
  };
}

/** One link with its product/price and uses; undefined for an unknown or another tenant's id. */
export async function getPaymentLinkRow(
  db: Executor,
  scope: TenantScope & { linkId: string },
): Promise<PaymentLinkRow | undefined> {
  const [row] = await linkRowsQuery(
    db,
    scoped(paymentLinks, scope, eq(paymentLinks.id, scope.linkId)),
  );
  return row ? toRow(row) : undefined;
}

/** A link by id alone, for the public landing page (the id is unguessable; the row names its tenant). */
export async function findPaymentLinkById(
  db: Executor,
  linkId: string,
): Promise<PaymentLink | undefined> {
  const [row] = await db.select().from(paymentLinks).where(eq(paymentLinks.id, linkId));
  return row;
}

/** Turns a link on or off; undefined when the tenant has no such link. */
export async function setPaymentLinkActive(
  db: Executor,
  scope: TenantScope & { linkId: string; active: boolean },
): Promise<PaymentLink | undefined> {
  const [row] = await db
    .update(paymentLinks)
    .set({ active: scope.active })
    .where(scoped(paymentLinks, scope, eq(paymentLinks.id, scope.linkId)))
    .returning();
  return row;
}

/**
 * Reads a tenant's invoice link and locks its row until the transaction ends: concurrent
 * payments of one link queue here, so only the first creates its order. Undefined for an
 * unknown id, another tenant's, or a product link.
 */
export async function lockInvoiceLink(
  tx: Executor,
  scope: TenantScope & { linkId: string },
): Promise<PaymentLink | undefined> {
  const [row] = await tx
    .select()
    .from(paymentLinks)
    .where(
      scoped(
        paymentLinks,
        scope,
        eq(paymentLinks.id, scope.linkId),
        eq(paymentLinks.kind, 'invoice'),
      ),
    )
    .for('update');
  return row;
}

/**
 * Records an invoice link's one payment, once: true the first time (compare-and-swap on
 * `paid_at IS NULL`), false when it was already recorded or the link is unknown.
 */
export async function markInvoiceLinkPaid(
  db: Executor,
  scope: TenantScope & { linkId: string; paidAt: Date; providerPaymentId: string },
): Promise<boolean> {
  const rows = await db
    .update(paymentLinks)
    .set({ paidAt: scope.paidAt, providerPaymentId: scope.providerPaymentId })
    .where(
      scoped(
        paymentLinks,
        scope,
        eq(paymentLinks.id, scope.linkId),
        eq(paymentLinks.kind, 'invoice'),
        isNull(paymentLinks.paidAt),
      ),
    )
    .returning({ id: paymentLinks.id });
  return rows.length > 0;
}

/** The orders a link produced, newest first (at most `limit`). */
export async function listPaymentLinkOrders(
  db: Executor,
  scope: TenantScope & { linkId: string; limit: number },
) {
  return db
    .select({
      id: orders.id,
      reference: orders.reference,
      status: orders.status,
      needsReview: orders.needsReview,
      total: orders.total,
      currency: orders.currency,
      customerEmail: orders.customerEmail,
      createdAt: orders.createdAt,
      paidAt: orders.paidAt,
    })
    .from(orders)
    .where(scoped(orders, scope, eq(orders.paymentLinkId, scope.linkId)))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(Math.min(Math.max(scope.limit, 1), 200));
}

/** True once the tenant has made any payment link (the onboarding checklist's step). */
export async function hasPaymentLink(db: Executor, scope: TenantScope): Promise<boolean> {
  const [row] = await db
    .select({ id: paymentLinks.id })
    .from(paymentLinks)
    .where(scoped(paymentLinks, scope))
    .limit(1);
  return Boolean(row);
}
