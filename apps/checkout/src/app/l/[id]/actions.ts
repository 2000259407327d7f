'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { CommerceApiRefusal, startPaymentLink } from '../../../server/commerce-api';
import { limitPaymentLinkStart } from '../../../server/rate-limit';

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Back to the landing page with a message code (never text). */
function back(id: string, error: string): never {
  redirect(`/l/${id}?e=${error}`);
}

/**
 * "Continue to payment" on a product link: counted per IP first, then the API makes a fresh
 * order and session, and the shopper goes to `/c/{cs_…}`. Only this POST creates an order; a
 * GET of the link (a crawler, a preview) never does.
 */
export async function startPaymentLinkAction(id: string, form: FormData): Promise<void> {
  const name = text(form, 'name');
  const email = text(form, 'email');
  if (!name) back(id, 'name_required');
  if (!EMAIL.test(email)) back(id, 'email_invalid');
  if (!(await limitPaymentLinkStart(id, await headers())).allowed) back(id, 'too_many_attempts');
  let url: string;
  try {
    ({ url } = await startPaymentLink(id, { name, email }));
  } catch (error) {
    if (error instanceof CommerceApiRefusal) {
      // the link was disabled meanwhile: the page now shows its "no longer active" view
      if (error.code === 'payment_link_inactive') redirect(`/l/${id}`);
      if (error.code === 'validation_error') back(id, 'email_invalid');
      back(id, 'link_unavailable');
    }
    back(id, 'busy');
  }
  redirect(new URL(url).pathname);
}
