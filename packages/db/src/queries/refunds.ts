import { newId } from '@prood/validators';
import { desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { reusable } from '../reusable';
import { fulfillmentLog, orders, payments, refunds } from '../schema';
import type { Order } from './orders';
import { scoped, type TenantScope } from './scope';

export type Payment = typeof payments.$inferSelect;
export type Refund = typeof refunds.$inferSelect;

/** Sum of an order's refunds that are succeeded or still pending (reserved, in flight). */
export async function sumReservedRefunds(
  tx: Executor,
  scope: TenantScope & { orderId: string },
): Promise<number> {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${refunds.amount}), 0)` })
    .from(refunds)
    .where(
      scoped(
        refunds,
        scope,
        eq(refunds.orderId, scope.orderId),
        inArray(refunds.status, ['pending', 'succeeded']),
      ),
    );
  return Number(row?.total ?? 0);
}

/** The tenant's refund made with a client's Idempotency-Key. */
export async function findRefundByIdempotencyKey(
  tx: Executor,
  scope: TenantScope & { idempotencyKey: string },
): Promise<Refund | undefined> {
  const [row] = await tx
    .select()
    .from(refunds)
    .where(scoped(refunds, scope, eq(refunds.idempotencyKey, scope.idempotencyKey)))
    .limit(1);
  return row;
}

export async function getPayment(
  tx: Executor,
  scope: TenantScope & { paymentId: string },
): Promise<Payment | undefined> {
  const [row] = await tx
    .select()
    .from(payments)
    .where(scoped(payments, scope, eq(payments.id, scope.paymentId)));
  return row;
}

/** The order's latest succeeded payment, the one a refund goes against. */
export async function getLatestSucceededPayment(
  tx: Executor,
  scope: TenantScope & { orderId: string },
): Promise<Payment | undefined> {
  const [row] = await tx
    .select()
    .from(payments)
    .where(
      scoped(
        payments,
        scope,
        eq(payments.orderId, scope.orderId),
        eq(payments.status, 'succeeded'),
      ),
    )
    .orderBy(desc(payments.createdAt))
    .limit(1);
  return row;
}

/** Our id of a provider's payment, when it is recorded. */
export async function findPaymentId(
  tx: Executor,
  scope: TenantScope & { provider: string; providerPaymentId: string },
): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: payments.id })
    .from(payments)
    .where(
      scoped(
        payments,
        scope,
        eq(payments.provider, scope.provider),
        eq(payments.providerPaymentId, scope.providerPaymentId),
      ),
    )
    .limit(1);
  return row?.id;
}

/**
 * Records a succeeded payment once by its provider id: a repeat only marks it succeeded again.
 */
export async function upsertSucceededPayment(
  tx: Executor,
  scope: TenantScope & {
    orderId: string;
    provider: string;
    providerPaymentId: string;
    checkoutSessionId: string | null;
    amount: number;
    currency: string;
  },
): Promise<void> {
  if (!scope.tenantId) throw new Error('tenantId is required for a tenant-scoped query');
  await reusable(
    tx,
    'payments.upsert-succeeded',
    (d) =>
      d
        .insert(payments)
        .values({
          id: sql.placeholder('id'),
          tenantId: sql.placeholder('tenantId'),
          orderId: sql.placeholder('orderId'),
          provider: sql.placeholder('provider'),
          providerPaymentId: sql.placeholder('providerPaymentId'),
          checkoutSessionId: sql.placeholder('checkoutSessionId'),
          amount: sql.placeholder('amount'),
          currency: sql.placeholder('currency'),
          status: 'succeeded',
        })
        .onConflictDoUpdate({
          target: [payments.tenantId, payments.provider, payments.providerPaymentId],
          set: { status: 'succeeded', updatedAt: sql`now()` },
        }),
    {
      id: newId('payment'),
      tenantId: scope.tenantId,
      orderId: scope.orderId,
      provider: scope.provider,
      providerPaymentId: scope.providerPaymentId,
      checkoutSessionId: scope.checkoutSessionId,
      amount: scope.amount,
      currency: scope.currency,
    },
  );
}

/**
 * Records a payment still settling (processing, requires action) once; a row already there,
 * settled or not, is left as it is, so a settled payment never moves back.
 */
export async function insertUnsettledPayment(
  tx: Executor,
  scope: TenantScope & {
    orderId: string;
    provider: string;
    providerPaymentId: string;
    checkoutSessionId: string | null;
    amount: number;
    currency: string;
    status: 'processing' | 'requires_action';
  },
): Promise<void> {
  await tx
    .insert(payments)
    .values({
      id: newId('payment'),
      tenantId: scope.tenantId,
      orderId: scope.orderId,
      provider: scope.provider,
      providerPaymentId: scope.providerPaymentId,
      checkoutSessionId: scope.checkoutSessionId,
      amount: scope.amount,
      currency: scope.currency,
      status: scope.status,
    })
    .onConflictDoNothing();
}

/**
 * True when the order's `paid` fulfilment log names this payment, by provider payment id or
 * (when given) provider session id.
 */
export async function isPaidLogFor(
  tx: Executor,
  scope: TenantScope & {
    orderId: string;
    paymentKey: string;
    providerSessionId?: string | undefined;
  },
): Promise<boolean> {
  const rows = await tx
    .select({ id: fulfillmentLog.id })
    .from(fulfillmentLog)
    .where(
      scoped(
        fulfillmentLog,
        scope,
        eq(fulfillmentLog.orderId, scope.orderId),
        eq(fulfillmentLog.event, 'paid'),
        or(
          sql`${fulfillmentLog.details}->>'providerPaymentId' = ${scope.paymentKey}`,
          scope.providerSessionId
            ? sql`${fulfillmentLog.details}->>'providerSessionId' = ${scope.providerSessionId}`
            : undefined,
        ),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Inserts a pending refund: the reservation of its amount (the caller holds the order's lock). */
export async function insertPendingRefund(
  tx: Executor,
  scope: TenantScope & {
    orderId: string;
    paymentId: string;
    provider: string;
    amount: number;
    currency: string;
    reason: Refund['reason'];
    /** The merchant's note, kept with the refund (never sent to the provider). */
    note?: string | null | undefined;
    idempotencyKey: string | null;
  },
): Promise<Refund> {
  const [refund] = await tx
    .insert(refunds)
    .values({
      id: newId('refund'),
      tenantId: scope.tenantId,
      orderId: scope.orderId,
      paymentId: scope.paymentId,
      provider: scope.provider,
      amount: scope.amount,
      note: scope.note ?? null,
      currency: scope.currency,
      reason: scope.reason,
      status: 'pending',
      idempotencyKey: scope.idempotencyKey,
    })
    .returning();
  if (!refund) throw new Error('refund insert returned no row');
  return refund;
}

/**
 * Records a succeeded refund reported by the provider, once by its provider refund id; a
 * repeat only marks it succeeded again.
 */
export async function upsertSucceededRefund(
  tx: Executor,
  scope: TenantScope & {
    orderId: string;
    paymentId: string | null;
    provider: string;
    providerRefundId: string;
    amount: number;
    currency: string;
  },
): Promise<void> {
  await tx
    .insert(refunds)
    .values({
      id: newId('refund'),
      tenantId: scope.tenantId,
      orderId: scope.orderId,
      paymentId: scope.paymentId,
      provider: scope.provider,
      providerRefundId: scope.providerRefundId,
      amount: scope.amount,
      currency: scope.currency,
      status: 'succeeded',
    })
    .onConflictDoUpdate({
      target: [refunds.tenantId, refunds.provider, refunds.providerRefundId],
      set: { status: 'succeeded', updatedAt: sql`now()` },
    });
}

/**
 * Deletes refund rows the provider's webhook recorded for the same provider refund id as
 * `keepRefundId` (ours, made with a key, is the one that stays).
 */
export async function deleteDuplicateProviderRefunds(
  tx: Executor,
  scope: TenantScope & { provider: string; providerRefundId: string; keepRefundId: string },
): Promise<void> {
  await tx
    .delete(refunds)
    .where(
      scoped(
        refunds,
        scope,
        eq(refunds.provider, scope.provider),
        eq(refunds.providerRefundId, scope.providerRefundId),
        ne(refunds.id, scope.keepRefundId),
        isNull(refunds.idempotencyKey),
      ),
    );
}

export async function settleRefundRow(
  tx: Executor,
  scope: TenantScope & {
    refundId: string;
    status: Refund['status'];
    providerRefundId: string;
  },
): Promise<Refund | undefined> {
  const [row] = await tx
    .update(refunds)
    .set({ status: scope.status, providerRefundId: scope.providerRefundId })
    .where(scoped(refunds, scope, eq(refunds.id, scope.refundId)))
    .returning();
  return row;
}

/** Releases a reservation: a refund still pending becomes failed (compare-and-set on pending). */
export async function failPendingRefund(
  db: Executor,
  scope: TenantScope & { refundId: string },
): Promise<void> {
  await db
    .update(refunds)
    .set({ status: 'failed' })
    .where(scoped(refunds, scope, eq(refunds.id, scope.refundId), eq(refunds.status, 'pending')));
}

/** Raises an order's provider-reported refunded total, never lowering it. */
export async function raiseProviderRefundedTotal(
  tx: Executor,
  scope: TenantScope & { orderId: string; total: number },
): Promise<Order | undefined> {
  const [row] = await tx
    .update(orders)
    .set({
      providerRefundedTotal: sql`greatest(${orders.providerRefundedTotal}, ${scope.total})`,
    })
    .where(scoped(orders, scope, eq(orders.id, scope.orderId)))
    .returning();
  return row;
}
