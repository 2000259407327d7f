import { canRefund, isProviderError, type RefundInput } from '@prood/checkout';
import { type Executor, type Order, scoped } from '@prood/db';
import { payments, refunds } from '@prood/db/schema';
import { newId } from '@prood/validators';
import { and, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { ApiError, notFound } from '../errors';
import type { PaymentDeps } from './deps';
import { applyKnownRefunds, lockOrder, logOrderEffect } from './order-effects';
import { isPaidStatus } from './order-rules';

export type Refund = typeof refunds.$inferSelect;

export interface RefundOrderInput {
  /** Minor units; absent = everything not yet refunded. */
  amount?: number | undefined;
  reason?: RefundInput['reason'];
  /** The client's Idempotency-Key, when the caller has it; the same key returns the same refund. */
  idempotencyKey?: string | undefined;
}

/** Amount already refunded or reserved by refunds still in flight. */
async function reservedAmount(tx: Executor, order: Order): Promise<number> {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${refunds.amount}), 0)` })
    .from(refunds)
    .where(
      scoped(
        refunds,
        order,
        eq(refunds.orderId, order.id),
        inArray(refunds.status, ['pending', 'succeeded']),
      ),
    );
  return Math.max(Number(row?.total ?? 0), order.amountRefunded, order.providerRefundedTotal);
}

/** Step 1, under the order's row lock: reserve the amount as a pending refund row. */
async function reserveRefund(
  deps: PaymentDeps,
  scope: { tenantId: string; orderId: string },
  input: RefundOrderInput,
): Promise<{ refund: Refund; providerPaymentId: string; provider: string; reused: boolean }> {
  return deps.db.transaction(async (tx) => {
    const order = await lockOrder(tx, scope);
    if (!order) throw notFound('order');
    if (input.idempotencyKey) {
      const [existing] = await tx
        .select()
        .from(refunds)
        .where(scoped(refunds, scope, eq(refunds.idempotencyKey, input.idempotencyKey)))
        .limit(1);
      if (existing) {
        if (
          existing.orderId !== order.id ||
          (input.amount !== undefined && input.amount !== existing.amount)
        ) {
          throw new ApiError(
            'idempotency_key_reused',
            'This Idempotency-Key was used for another refund.',
          );
        }
        const [payment] = await tx
          .select()
          .from(payments)
          .where(scoped(payments, scope, eq(payments.id, existing.paymentId ?? '')));
        if (!payment) throw new ApiError('order_not_refundable', 'The refunded payment is gone.');
        return {
          refund: existing,
          providerPaymentId: payment.providerPaymentId,
          provider: payment.provider,
          reused: true,
        };
      }
    }
    if (!isPaidStatus(order.status) || order.status === 'REFUNDED') {
      throw new ApiError(
        'order_not_refundable',
        'Only a paid, not fully refunded order can be refunded.',
        {
          status: order.status,
        },
      );
    }
    const [payment] = await tx
      .select()
      .from(payments)
      .where(
        scoped(payments, scope, eq(payments.orderId, order.id), eq(payments.status, 'succeeded')),
      )
      .orderBy(desc(payments.createdAt))
      .limit(1);
    if (!payment) throw new ApiError('order_not_refundable', 'The order has no settled payment.');
    const remaining = order.amountPaid - (await reservedAmount(tx, order));
    const amount = input.amount ?? remaining;
    if (!Number.isInteger(amount) || amount <= 0 || amount > remaining) {
      throw new ApiError(
        'refund_exceeds_paid',
        `At most ${Math.max(remaining, 0)} can still be refunded.`,
        { field: 'amount', remaining: Math.max(remaining, 0) },
      );
    }
    const [refund] = await tx
      .insert(refunds)
      .values({
        id: newId('refund'),
        tenantId: order.tenantId,
        orderId: order.id,
        paymentId: payment.id,
        provider: payment.provider,
        amount,
        currency: order.currency,
        reason: input.reason ?? null,
        status: 'pending',
        idempotencyKey: input.idempotencyKey ?? null,
      })
      .returning();
    if (!refund) throw new Error('refund insert returned no row');
    return {
      refund,
      providerPaymentId: payment.providerPaymentId,
      provider: payment.provider,
      reused: false,
    };
  });
}

/** Step 3, under the lock again: settle the refund row and bring the order's totals up to date. */
async function settleRefund(
  deps: PaymentDeps,
  refund: Refund,
  result: { providerRefundId: string; status: 'pending' | 'succeeded' | 'failed' },
): Promise<Refund> {
  return deps.db.transaction(async (tx) => {
    const order = await lockOrder(tx, refund);
    if (!order) throw notFound('order');
    // the provider's webhook may have recorded this refund first; ours is the one that stays
    await tx
      .delete(refunds)
      .where(
        scoped(
          refunds,
          refund,
          eq(refunds.provider, refund.provider),
          eq(refunds.providerRefundId, result.providerRefundId),
          ne(refunds.id, refund.id),
          isNull(refunds.idempotencyKey),
        ),
      );
    const [settled] = await tx
      .update(refunds)
      .set({ status: result.status, providerRefundId: result.providerRefundId })
      .where(and(scoped(refunds, refund, eq(refunds.id, refund.id))))
      .returning();
    if (result.status === 'succeeded') {
      await logOrderEffect(tx, {
        tenantId: refund.tenantId,
        orderId: refund.orderId,
        event: `refund:${result.providerRefundId}`,
        details: { amount: refund.amount, refundId: refund.id },
      });
    }
    await applyKnownRefunds(tx, order);
    return settled ?? refund;
  });
}

async function markRefundFailed(deps: PaymentDeps, refund: Refund): Promise<void> {
  await deps.db
    .update(refunds)
    .set({ status: 'failed' })
    .where(scoped(refunds, refund, eq(refunds.id, refund.id), eq(refunds.status, 'pending')));
}

/**
 * `POST /v1/orders/{id}/refunds`: refunds all or part of an order through the provider. The
 * amount is reserved under the order's row lock first, so concurrent refunds can never exceed
 * what was paid; the provider is called with our refund id as its idempotency key; the order
 * becomes PARTIALLY_REFUNDED or REFUNDED. A definite provider refusal releases the reservation;
 * an unclear failure keeps it pending (502) so a retry with the same key cannot refund twice.
 *
 * @example
 * const refund = await refundOrder(deps, { tenantId }, 'ord_…', { amount: 500, reason: 'requested_by_customer' });
 */
export async function refundOrder(
  deps: PaymentDeps,
  ctx: { tenantId: string },
  orderId: string,
  input: RefundOrderInput,
): Promise<Refund> {
  const reserved = await reserveRefund(deps, { tenantId: ctx.tenantId, orderId }, input);
  if (reserved.refund.status !== 'pending') return reserved.refund;
  const provider = await deps.resolveProvider(ctx.tenantId, reserved.provider);
  if (!canRefund(provider)) {
    await markRefundFailed(deps, reserved.refund);
    throw new ApiError('refund_not_supported', `${reserved.provider} does not support refunds.`);
  }
  let result: Awaited<ReturnType<typeof provider.refund>>;
  try {
    result = await provider.refund({
      providerPaymentId: reserved.providerPaymentId,
      amount: reserved.refund.amount,
      currency: reserved.refund.currency,
      reason: input.reason,
      idempotencyKey: reserved.refund.id,
      orderId,
      tenantId: ctx.tenantId,
    });
  } catch (error) {
    if (isProviderError(error) && !error.retryable) {
      await markRefundFailed(deps, reserved.refund);
      throw new ApiError('refund_declined', error.message, { code: error.code });
    }
    deps.logger.error({ err: error, refundId: reserved.refund.id }, 'refund: provider call failed');
    throw new ApiError(
      'provider_unavailable',
      'The provider did not answer; retry with the same Idempotency-Key.',
      {
        refundId: reserved.refund.id,
      },
    );
  }
  return settleRefund(deps, reserved.refund, result);
}
