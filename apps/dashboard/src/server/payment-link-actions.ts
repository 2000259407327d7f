'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { parseTypedAmount } from '../components/typed-amount';
import { type ActionResult, failure, success } from './action-result';
import { getTrpc } from './trpc';

/** A created link comes back with its id and URL, so the form can offer "Copy" at once. */
export type CreateLinkResult = ActionResult & { linkId?: string; url?: string };

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

const CURRENCY = /^[A-Z]{3}$/;

type FormErrorsT = (key: 'currency' | 'description' | 'price' | 'quantity') => string;

/** Reads the form: a product link names a price; an invoice link an amount typed as a decimal. */
async function linkInput(form: FormData, t: FormErrorsT) {
  if (text(form, 'kind') === 'invoice') {
    const currency = text(form, 'currency').toUpperCase();
    const description = text(form, 'description');
    const fieldErrors: Record<string, string> = {};
    if (!CURRENCY.test(currency)) fieldErrors.currency = t('currency');
    const amount = parseTypedAmount(
      text(form, 'amount'),
      CURRENCY.test(currency) ? currency : 'EUR',
    );
    // the amount's words are the orders area's (one set for every amount a merchant types)
    if (!amount.ok)
      fieldErrors.amount = (await getTranslations('orders'))(`amount.${amount.problem}`, {
        currency,
        exponent: amount.exponent,
      });
    if (!description) fieldErrors.description = t('description');
    if (!amount.ok || Object.keys(fieldErrors).length > 0) return { fieldErrors };
    return {
      input: { kind: 'invoice' as const, amount: amount.minor, currency, description },
    };
  }
  const priceId = text(form, 'priceId');
  const quantity = Number(text(form, 'quantity') || '1');
  const fieldErrors: Record<string, string> = {};
  if (!priceId) fieldErrors.priceId = t('price');
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 999)
    fieldErrors.quantity = t('quantity');
  if (Object.keys(fieldErrors).length > 0) return { fieldErrors };
  return { input: { kind: 'product' as const, priceId, quantity } };
}

export async function createPaymentLinkAction(
  _previous: CreateLinkResult | null,
  form: FormData,
): Promise<CreateLinkResult> {
  const t = await getTranslations('links.form');
  const read = await linkInput(form, await getTranslations('links.form.errors'));
  if (!read.input) {
    return { ok: false, message: t('needsFix'), fieldErrors: read.fieldErrors };
  }
  try {
    const link = await (await getTrpc()).paymentLinks.create.mutate(read.input);
    revalidatePath('/links');
    return { ...success(t('created')), linkId: link.id, url: link.url };
  } catch (error) {
    const result = failure(error);
    // the API names the price it refuses (`price`, `price[0]`…): show it next to the picker
    if (result.code && result.code !== 'validation_error' && read.input.kind === 'product') {
      return { ...result, fieldErrors: { ...result.fieldErrors, priceId: result.message } };
    }
    return result;
  }
}

/** Turns a link off (shoppers see "no longer active") or a product link back on. */
export async function setPaymentLinkActiveAction(
  id: string,
  active: boolean,
): Promise<ActionResult> {
  const t = await getTranslations('links.active');
  try {
    await (await getTrpc()).paymentLinks.update.mutate({ id, patch: { active } });
    revalidatePath('/links');
    revalidatePath(`/links/${id}`);
    return success(active ? t('turnedOn') : t('disabled'));
  } catch (error) {
    return failure(error);
  }
}
