'use server';

import type { CheckoutOrderChange } from '@prood/validators';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import {
  answerSandboxAuthentication,
  changeCheckoutOrder,
  payWithSandboxCard,
  type StepResult,
  startAgain,
  startEmbeddedPayment,
  startHostedPayment,
} from '../../../server/checkout-changes';
import { PAID_COOKIE } from '../../../server/cookies';
import { limitShopperAction } from '../../../server/rate-limit';

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
};

/** Back to the one page with a message code (never text) and the section it belongs to. */
function back(id: string, result: StepResult, section: string): never {
  const query = result.ok
    ? result.notice
      ? `?n=${result.notice}`
      : ''
    : `?e=${encodeURIComponent(result.error)}&s=${section}`;
  redirect(`/c/${id}${query}#${section}`);
}

async function change(id: string, section: string, body: CheckoutOrderChange, notice: string) {
  back(id, await changeCheckoutOrder(id, body, notice), section);
}

export async function saveContactAction(id: string, form: FormData): Promise<void> {
  await change(
    id,
    'contact',
    { kind: 'contact', email: text(form, 'email'), phone: text(form, 'phone') || null },
    'contact_saved',
  );
}

export async function saveAddressAction(id: string, form: FormData): Promise<void> {
  await change(
    id,
    'address',
    {
      kind: 'address',
      name: text(form, 'name'),
      address: {
        line1: text(form, 'line1'),
        line2: text(form, 'line2') || null,
        city: text(form, 'city'),
        postalCode: text(form, 'postalCode'),
        state: text(form, 'region') || null,
        country: text(form, 'country'),
      },
      taxId: form.get('business') ? text(form, 'taxId') || null : null,
    },
    'address_saved',
  );
}

export async function chooseShippingAction(id: string, form: FormData): Promise<void> {
  await change(
    id,
    'shipping',
    { kind: 'shipping_rate', shippingRateId: text(form, 'shippingRateId') },
    'shipping_saved',
  );
}

export async function applyCouponAction(id: string, form: FormData): Promise<void> {
  const code = text(form, 'code');
  if (!code) back(id, { ok: false, error: 'coupon_not_found' }, 'coupon');
  if (!(await limitShopperAction(id, 'coupon')).allowed) {
    back(id, { ok: false, error: 'too_many_attempts' }, 'coupon');
  }
  await change(id, 'coupon', { kind: 'coupon', code }, 'coupon_applied');
}

export async function removeCouponAction(id: string): Promise<void> {
  await change(id, 'coupon', { kind: 'remove_coupon' }, 'coupon_removed');
}

export async function changeQuantityAction(id: string, form: FormData): Promise<void> {
  await change(
    id,
    'summary',
    {
      kind: 'quantity',
      itemId: text(form, 'itemId'),
      quantity: Number.parseInt(text(form, 'quantity'), 10),
    },
    'quantity_saved',
  );
}

/** Pay with the sandbox card form; the terms box is checked here when the tenant has terms. */
export async function payAction(id: string, requireTerms: boolean, form: FormData): Promise<void> {
  if (requireTerms && form.get('terms') !== 'on') {
    back(id, { ok: false, error: 'terms_required' }, 'payment');
  }
  const cardNumber = text(form, 'cardNumber');
  if (!cardNumber || !text(form, 'expiry') || !text(form, 'cvc')) {
    back(id, { ok: false, error: 'card_incomplete' }, 'payment');
  }
  if (!(await limitShopperAction(id, 'pay')).allowed) {
    back(id, { ok: false, error: 'too_many_attempts' }, 'payment');
  }
  const result = await payWithSandboxCard(id, cardNumber);
  if (result.ok) await rememberBuyer(id);
  back(id, result, 'payment');
}

/** A provider with its own payment page: a plain form post that sends the shopper there. */
export async function hostedPayAction(
  id: string,
  requireTerms: boolean,
  form: FormData,
): Promise<void> {
  await guardPaymentStart(id, requireTerms, form);
  const result = await startHostedPayment(id);
  if (!result.ok) back(id, result, 'payment');
  redirect(result.redirectUrl);
}

/** Stripe's Payment Element: "Continue to payment" creates the PaymentIntent, then back here. */
export async function embeddedPayAction(
  id: string,
  requireTerms: boolean,
  form: FormData,
): Promise<void> {
  await guardPaymentStart(id, requireTerms, form);
  const result = await startEmbeddedPayment(id);
  // the browser that pays in the element is this one: it sees "thank you" on a paid link
  if (result.ok) await rememberBuyer(id);
  back(id, result, 'payment');
}

/** Before a provider payment starts: the terms box when the tenant has terms, the rate limit. */
async function guardPaymentStart(id: string, requireTerms: boolean, form: FormData) {
  if (requireTerms && form.get('terms') !== 'on') {
    back(id, { ok: false, error: 'terms_required' }, 'payment');
  }
  if (!(await limitShopperAction(id, 'pay')).allowed) {
    back(id, { ok: false, error: 'too_many_attempts' }, 'payment');
  }
}

export async function authenticateAction(id: string, approve: boolean): Promise<void> {
  const result = await answerSandboxAuthentication(id, approve);
  if (result.ok) await rememberBuyer(id);
  back(id, result, 'payment');
}

export async function startAgainAction(id: string): Promise<void> {
  const next = await startAgain(id);
  if (!next) back(id, { ok: false, error: 'order_not_payable' }, 'expired');
  redirect(next);
}

/** Lets this browser, and only it, see "thank you" on a paid payment link. */
async function rememberBuyer(id: string): Promise<void> {
  (await cookies()).set(PAID_COOKIE, id, {
    path: `/c/${id}`,
    httpOnly: true,
    sameSite: 'lax',
    maxAge: 60 * 60 * 24,
  });
}
