'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { type ActionResult, failure, success } from './action-result';
import { getTrpc } from './trpc';

/**
 * The catalog's forms. Amounts and percentages go to the API as the text the merchant typed:
 * the API turns them into minor units and basis points, and answers field errors in words.
 */

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const flag = (form: FormData, name: string) => form.get(name) === 'on';
/** Text, or undefined when the field was left empty (an optional field). */
const optional = (form: FormData, name: string) => text(form, name) || undefined;
/** A whole number typed in a field; text that is not one goes through for the API to refuse. */
const wholeNumber = (form: FormData, name: string): number | undefined => {
  const value = text(form, name);
  return value === '' ? undefined : Number(value);
};

export type ProductActionResult = ActionResult & { productId?: string };

function productFields(form: FormData) {
  const trackStock = form.get('stockMode') === 'tracked';
  return {
    name: text(form, 'name'),
    description: text(form, 'description') || null,
    imageUrl: text(form, 'imageUrl'),
    fulfillmentMethods: form.getAll('fulfillmentMethods').map(String) as Array<
      'shipping' | 'local_delivery' | 'pickup' | 'digital'
    >,
    active: form.get('active') !== 'archived',
    trackStock,
    ...(trackStock ? { stock: wholeNumber(form, 'stock') ?? 0 } : {}),
  };
}

function priceFields(form: FormData) {
  const recurring = form.get('type') === 'recurring';
  return {
    currency: text(form, 'currency'),
    amount: text(form, 'amount'),
    type: recurring ? ('recurring' as const) : ('one_time' as const),
    ...(recurring
      ? {
          recurringInterval: text(form, 'recurringInterval') as 'month',
          recurringIntervalCount: wholeNumber(form, 'recurringIntervalCount') ?? 1,
        }
      : {}),
    taxBehavior: form.get('taxBehavior') === 'inclusive' ? 'inclusive' : 'exclusive',
  } as const;
}

/** Creates a product with its first price; the form moves on to the product's page. */
export async function createProductAction(
  _previous: ProductActionResult | null,
  form: FormData,
): Promise<ProductActionResult> {
  try {
    const product = await (await getTrpc()).catalog.create.mutate({
      ...productFields(form),
      price: priceFields(form),
    });
    revalidatePath('/products');
    const t = await getTranslations('catalog');
    return {
      ...success(t('createProduct.created', { name: product.name })),
      productId: product.id,
    };
  } catch (error) {
    return failure(error);
  }
}

export async function updateProductAction(
  id: string,
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  try {
    const { active: _active, ...fields } = productFields(form);
    await (await getTrpc()).catalog.update.mutate({ id, ...fields });
    revalidatePath('/products', 'layout');
    return success((await getTranslations('catalog'))('editProduct.saved'));
  } catch (error) {
    return failure(error);
  }
}

export async function setProductActiveAction(id: string, active: boolean): Promise<ActionResult> {
  try {
    await (await getTrpc()).catalog.update.mutate({ id, active });
    revalidatePath('/products', 'layout');
    const t = await getTranslations('catalog');
    return success(t(active ? 'productActive.onSaleAgain' : 'productActive.archived'));
  } catch (error) {
    return failure(error);
  }
}

export async function addPriceAction(
  productId: string,
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  try {
    await (await getTrpc()).catalog.addPrice.mutate({ productId, price: priceFields(form) });
    revalidatePath('/products', 'layout');
    return success((await getTranslations('catalog'))('addPrice.added'));
  } catch (error) {
    return failure(error);
  }
}

export async function archivePriceAction(id: string): Promise<ActionResult> {
  try {
    await (await getTrpc()).catalog.archivePrice.mutate({ id });
    revalidatePath('/products', 'layout');
    return success((await getTranslations('catalog'))('archivePrice.archived'));
  } catch (error) {
    return failure(error);
  }
}

export async function createCouponAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const expires = text(form, 'expiresAt');
  try {
    const coupon = await (await getTrpc()).settings.createCoupon.mutate({
      code: text(form, 'code'),
      kind: form.get('kind') === 'fixed' ? 'fixed' : 'percent',
      percentOff: form.get('kind') === 'fixed' ? undefined : text(form, 'percentOff'),
      amountOff: form.get('kind') === 'fixed' ? text(form, 'amountOff') : undefined,
      currency: optional(form, 'currency'),
      // the end of the chosen day, in UTC
      expiresAt: expires ? new Date(`${expires}T23:59:59Z`) : undefined,
      maxUses: wholeNumber(form, 'maxUses'),
      minOrderAmount: optional(form, 'minOrderAmount'),
      oncePerCustomer: flag(form, 'oncePerCustomer'),
    });
    revalidatePath('/coupons', 'layout');
    return success((await getTranslations('catalog'))('couponForm.created', { code: coupon.code }));
  } catch (error) {
    return failure(error);
  }
}

export async function deactivateCouponAction(id: string): Promise<ActionResult> {
  try {
    await (await getTrpc()).settings.deactivateCoupon.mutate({ id });
    revalidatePath('/coupons', 'layout');
    return success((await getTranslations('catalog'))('deactivateCoupon.done'));
  } catch (error) {
    return failure(error);
  }
}

export async function createTaxRateAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  try {
    await (await getTrpc()).settings.createTaxRate.mutate({
      name: text(form, 'name'),
      country: text(form, 'country'),
      rate: text(form, 'rate'),
      inclusive: form.get('inclusive') === 'inclusive',
    });
    revalidatePath('/tax-rates', 'layout');
    return success((await getTranslations('catalog'))('taxRateForm.added'));
  } catch (error) {
    return failure(error);
  }
}

export async function deactivateTaxRateAction(id: string): Promise<ActionResult> {
  try {
    await (await getTrpc()).settings.deactivateTaxRate.mutate({ id });
    revalidatePath('/tax-rates', 'layout');
    return success((await getTranslations('catalog'))('deactivateTaxRate.done'));
  } catch (error) {
    return failure(error);
  }
}
