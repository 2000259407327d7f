import { canRefund, isProviderError, type RefundInput } from '@prood/checkout';
import {
  deleteDuplicateProviderRefunds,
  type Executor,
  failPendingRefund,
  findRefundByIdempotencyKey,
  getLatestSucceededPayment,
  getPayment,
  insertPendingRefund,
  type Order,
  type Refund,
  settleRefundRow,
  sumReservedRefunds,
} from '@prood/db';
import { ApiError, notFound } from '../errors';
import type { PaymentDeps } from './deps';
import { applyKnownRefunds, lockOrder, logOrderEffect } from './order-effects';
import { isPaidStatus } from './order-rules';

export type { Refund };

export interface RefundOrderInput {
  /** Minor units; absent = everything not yet refunded. */
  amount?: number | undefined;
  reason?: RefundInput['reason'];
  /** The merchant's own words (the dashboard's "note"); stored, shown, never sent to the provider. */
  note?: string | undefined;
  /** The client's Idempotency-Key, when the caller has it; the same key returns the same refund. */
  idempotencyKey?: string | undefined;
}

/** Amount already refunded or reserved by refunds still in flight. */
async function reservedAmount(tx: Executor, order: Order): Promise<number> {
  const total = await sumReservedRefunds(tx, { tenantId: order.tenantId, orderId: order.id });
  return Math.max(total, order.amountRefunded, order.providerRefundedTotal);
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
      const existing = await findRefundByIdempotencyKey(tx, {
        tenantId: scope.tenantId,
        idempotencyKey: input.idempotencyKey,
      });
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
        const payment = await getPayment(tx, {
          tenantId: scope.tenantId,
          paymentId: existing.paymentId ?? '',
        });
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
    const payment = await getLatestSucceededPayment(tx, scope);
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
    const refund = await insertPendingRefund(tx, {
      tenantId: order.tenantId,
      orderId: order.id,
      paymentId: payment.id,
      provider: payment.provider,
      amount,
      currency: order.currency,
      reason: input.reason ?? null,
      note: input.note ?? null,
      idempotencyKey: input.idempotencyKey ?? null,
    });
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
    await deleteDuplicateProviderRefunds(tx, {
      tenantId: refund.tenantId,
      provider: refund.provider,
      providerRefundId: result.providerRefundId,
      keepRefundId: refund.id,
    });
    const settled = await settleRefundRow(tx, {
      tenantId: refund.tenantId,
      refundId: refund.id,
      status: result.status,
      providerRefundId: result.providerRefundId,
    });
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
  await failPendingRefund(deps.db, { tenantId: refund.tenantId, refundId: refund.id });
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
