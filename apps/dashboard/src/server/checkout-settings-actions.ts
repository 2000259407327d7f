'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { type ActionResult, failure, success } from './action-result';
import { getTrpc } from './trpc';

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const flag = (form: FormData, name: string) => form.get(name) === 'on';
/** An amount typed in major units ("4.90") as minor units, or undefined when empty or not a number. */
const minor = (value: string, exponent: number): number | undefined => {
  if (value === '') return undefined;
  if (!/^\d+([.,]\d+)?$/.test(value)) return Number.NaN;
  return Math.round(Number(value.replace(',', '.')) * 10 ** exponent);
};
const whole = (value: string) => (value === '' ? undefined : Number(value));

/** Saves the page's look and the questions it asks the shopper. */
export async function saveCheckoutSettingsAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  try {
    await (await getTrpc()).checkoutSettings.update.mutate({
      displayName: text(form, 'displayName'),
      logoUrl: text(form, 'logoUrl'),
      accentColor: text(form, 'accentColor'),
      defaultLocale: text(form, 'defaultLocale') as 'en',
      shippingCountries: text(form, 'shippingCountries')
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((code) => code.toUpperCase()),
      collectPhone: flag(form, 'collectPhone'),
      adjustableQuantity: flag(form, 'adjustableQuantity'),
      collectTaxId: flag(form, 'collectTaxId'),
      termsUrl: text(form, 'termsUrl'),
      stripeFlow: form.get('stripeFlow') === 'hosted' ? 'hosted' : 'embedded',
    });
    revalidatePath('/checkout');
    return success((await getTranslations('checkoutSettings'))('saved'));
  } catch (error) {
    return failure(error);
  }
}

/** Adds a shipping option; amounts are typed in the currency's major unit. */
export async function createShippingRateAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const currency = text(form, 'currency').toUpperCase();
  const exponent = Number(text(form, 'exponent') || '2');
  const amount = minor(text(form, 'amount'), exponent);
  const freeAbove = minor(text(form, 'freeAbove'), exponent);
  const [t, errors] = await Promise.all([
    getTranslations('checkoutSettings.shipping'),
    getTranslations('common.errors'),
  ]);
  const fieldErrors: Record<string, string> = {};
  if (amount === undefined) fieldErrors.amount = errors('required');
  else if (Number.isNaN(amount)) fieldErrors.amount = t('amountFormat', { example: '4.90' });
  if (freeAbove !== undefined && Number.isNaN(freeAbove))
    fieldErrors.freeAbove = t('amountFormat', { example: '50.00' });
  if (Object.keys(fieldErrors).length > 0)
    return { ok: false, message: errors('fixFields'), fieldErrors };
  try {
    await (await getTrpc()).checkoutSettings.createShippingRate.mutate({
      name: text(form, 'name'),
      amount: amount ?? 0,
      currency,
      ...(freeAbove === undefined ? {} : { freeAbove }),
      ...(whole(text(form, 'minDeliveryDays')) === undefined
        ? {}
        : { minDeliveryDays: whole(text(form, 'minDeliveryDays')) }),
      ...(whole(text(form, 'maxDeliveryDays')) === undefined
        ? {}
        : { maxDeliveryDays: whole(text(form, 'maxDeliveryDays')) }),
    });
    revalidatePath('/checkout');
    return success(t('added'));
  } catch (error) {
    return failure(error);
  }
}

export async function deactivateShippingRateAction(id: string): Promise<ActionResult> {
  try {
    await (await getTrpc()).checkoutSettings.deactivateShippingRate.mutate({ id });
    revalidatePath('/checkout');
    return success((await getTranslations('checkoutSettings.shipping'))('removed'));
  } catch (error) {
    return failure(error);
  }
}
