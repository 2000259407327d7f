'use server';

import { formatMoney } from '@prood/ui/format';
import { TRPCClientError } from '@trpc/client';
import { revalidatePath } from 'next/cache';
import { parseMajorAmount } from '../components/orders/parse-amount';
import { type ActionResult, failure, success } from './action-result';
import { getTrpc } from './trpc';

const REASONS = ['requested_by_customer', 'duplicate', 'fraudulent'] as const;

/** A refused refund in the merchant's money, keeping the API's stable code. */
function refundFailure(error: unknown, currency: string): ActionResult {
  const result = failure(error);
  const details =
    error instanceof TRPCClientError
      ? (error.data as { details?: { remaining?: unknown } | null } | undefined)?.details
      : undefined;
  if (result.code === 'refund_exceeds_paid' && typeof details?.remaining === 'number') {
    // the API says it in minor units; a merchant reads money
    const message =
      details.remaining > 0
        ? `At most ${formatMoney(details.remaining, currency, 'en')} can still be refunded.`
        : 'Everything paid has been refunded already.';
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
  const trpc = await getTrpc();
  let currency = 'EUR';
  try {
    currency = (await trpc.orders.get.query({ id: orderId })).currency;
    let amount: number | undefined;
    if (input.amountText !== undefined) {
      const parsed = parseMajorAmount(input.amountText, currency);
      if (!parsed.ok) {
        return { ok: false, message: parsed.error, fieldErrors: { amount: parsed.error } };
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
      return { ok: false, message: `The provider declined the refund of ${money}.` };
    }
    return success(
      made.status === 'pending'
        ? `Refund of ${money} is on its way: the provider confirms it shortly.`
        : `Refunded ${money}.`,
    );
  } catch (error) {
    return refundFailure(error, currency);
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
  return success('Order canceled. The shopper can no longer pay it.');
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
  const field = (name: string) => String(form.get(name) ?? '').trim();
  const [carrier, trackingNumber, trackingUrl] = [
    field('carrier'),
    field('trackingNumber'),
    field('trackingUrl'),
  ];
  const fieldErrors: Record<string, string> = {};
  if (form.get('ships') === 'yes') {
    if (!carrier) fieldErrors.carrier = 'Enter the carrier, e.g. DHL.';
    if (!trackingNumber) fieldErrors.trackingNumber = 'Enter the tracking number.';
  }
  if (trackingUrl && !trackingUrl.startsWith('https://'))
    fieldErrors.trackingUrl = 'Enter an https:// link.';
  if (Object.keys(fieldErrors).length > 0) {
    return { ok: false, message: 'Some fields need a fix.', fieldErrors };
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
  return success('Order fulfilled. The shopper gets a mail with the tracking.');
}

/** Mails the receipt to the shopper again (the API limits how often). */
export async function resendReceiptAction(orderId: string): Promise<ActionResult> {
  try {
    const sent = await (await getTrpc()).orders.resendReceipt.mutate({ id: orderId });
    revalidatePath(`/orders/${orderId}`);
    return success(`Receipt sent again to ${sent.to}.`);
  } catch (error) {
    return failure(error);
  }
}
