'use server';

import { formatMoney } from '@prood/ui/format';
import { TRPCClientError } from '@trpc/client';
import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import type { FulfilMethod } from '../components/orders/order-actions';
import type { OrdersT } from '../components/orders/order-status';
import { parseTypedAmount } from '../components/typed-amount';
import { type ActionResult, failure, success } from './action-result';
import { getTrpc } from './trpc';

const REASONS = ['requested_by_customer', 'duplicate', 'fraudulent'] as const;

/** A refused refund in the merchant's money, keeping the API's stable code. */
function refundFailure(t: OrdersT, error: unknown, currency: string): ActionResult {
  const result = failure(error);
  const details =
    error instanceof TRPCClientError
      ? (error.data as { details?: { remaining?: unknown } | null } | undefined)?.details
      : undefined;
  if (result.code === 'refund_exceeds_paid' && typeof details?.remaining === 'number') {
    // the API says it in minor units; a merchant reads money
    const message =
      details.remaining > 0
        ? t('refundResult.atMost', { amount: formatMoney(details.remaining, currency, 'en') })
        : t('refundResult.nothingLeft');
    return { ...result, message, fieldErrors: { amount: message } };
  }
  return result;
}

/**
 * Refunds an order: `amountText` in the currency's major unit, or everything left when it is
 * absent. The amount becomes minor units here, with the order's own currency (read from the
 * API, not from the form); the API applies its rules (never more than was paid) and its answer
 * is shown as it is.
 */
async function refund(
  orderId: string,
  input: { amountText?: string; reason?: string; note?: string; idempotencyKey?: string },
): Promise<ActionResult> {
  const [trpc, t] = await Promise.all([getTrpc(), getTranslations('orders')]);
  let currency = 'EUR';
  try {
    currency = (await trpc.orders.get.query({ id: orderId })).currency;
    let amount: number | undefined;
    if (input.amountText !== undefined) {
      const parsed = parseTypedAmount(input.amountText, currency);
      if (!parsed.ok) {
        const message = t(`amount.${parsed.problem}`, { currency, exponent: parsed.exponent });
        return { ok: false, message, fieldErrors: { amount: message } };
      }
      amount = parsed.minor;
    }
    const reason = REASONS.find((r) => r === input.reason);
    const made = await trpc.orders.refund.mutate({
      id: orderId,
      ...(amount === undefined ? {} : { amount }),
      ...(reason ? { reason } : {}),
      ...(input.note?.trim() ? { note: input.note.trim() } : {}),
      ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
    });
    revalidatePath(`/orders/${orderId}`);
    revalidatePath('/orders');
    const money = formatMoney(made.amount, made.currency, 'en');
    if (made.status === 'failed') {
      return { ok: false, message: t('refundResult.declined', { amount: money }) };
    }
    return success(
      made.status === 'pending'
        ? t('refundResult.pending', { amount: money })
        : t('refundResult.done', { amount: money }),
    );
  } catch (error) {
    return refundFailure(t, error, currency);
  }
}

/** The refund form: an amount typed as a decimal, a reason, and the form's idempotency key. */
export async function refundOrderAction(
  orderId: string,
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  return refund(orderId, {
    amountText: String(form.get('amount') ?? ''),
    reason: String(form.get('reason') ?? ''),
    note: String(form.get('note') ?? ''),
    idempotencyKey: String(form.get('idempotencyKey') ?? ''),
  });
}

/** "Refund in full": whatever is left, as the API counts it. */
export async function refundInFullAction(
  orderId: string,
  idempotencyKey: string,
): Promise<ActionResult> {
  return refund(orderId, { idempotencyKey });
}

/** Cancels an unpaid order (its open checkout is closed first, by the API). */
export async function cancelOrderAction(orderId: string): Promise<ActionResult> {
  try {
    await (await getTrpc()).orders.cancel.mutate({ id: orderId });
  } catch (error) {
    return failure(error);
  }
  revalidatePath(`/orders/${orderId}`);
  revalidatePath('/orders');
  return success((await getTranslations('orders'))('cancel.done'));
}

/**
 * Marks a paid order fulfilled with its shipment (carrier, tracking number, optional https
 * tracking link); the API mails the shopper. Field errors come back next to their fields.
 */
export async function fulfilOrderAction(
  orderId: string,
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const t = await getTranslations('orders');
  const field = (name: string) => String(form.get(name) ?? '').trim();
  const method = (['shipping', 'pickup', 'local_delivery'] as const).find(
    (m) => m === form.get('method'),
  ) satisfies FulfilMethod | undefined;
  const [carrier, trackingNumber, trackingUrl] = [
    field('carrier'),
    field('trackingNumber'),
    field('trackingUrl'),
  ];
  const fieldErrors: Record<string, string> = {};
  if (method === 'shipping') {
    if (!carrier) fieldErrors.carrier = t('fulfil.carrierRequired');
    if (!trackingNumber) fieldErrors.trackingNumber = t('fulfil.trackingRequired');
  }
  if (trackingUrl && !trackingUrl.startsWith('https://'))
    fieldErrors.trackingUrl = t('fulfil.httpsOnly');
  if (Object.keys(fieldErrors).length > 0) {
    return { ok: false, message: t('fulfil.fieldsNeedFix'), fieldErrors };
  }
  try {
    await (await getTrpc()).orders.fulfil.mutate({
      id: orderId,
      ...(carrier && trackingNumber
        ? { shipment: { carrier, trackingNumber, ...(trackingUrl ? { trackingUrl } : {}) } }
        : {}),
    });
  } catch (error) {
    return failure(error);
  }
  revalidatePath(`/orders/${orderId}`);
  revalidatePath('/orders');
  return success(t(`fulfil.done.${method ?? 'other'}`));
}

/** Mails the receipt to the shopper again (the API limits how often). */
export async function resendReceiptAction(orderId: string): Promise<ActionResult> {
  try {
    const sent = await (await getTrpc()).orders.resendReceipt.mutate({ id: orderId });
    revalidatePath(`/orders/${orderId}`);
    return success((await getTranslations('orders'))('resend.done', { email: sent.to }));
  } catch (error) {
    return failure(error);
  }
}
