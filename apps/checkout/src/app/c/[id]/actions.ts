'use server';

import { redirect } from 'next/navigation';
import { beginHostedPayment, CheckoutPageError } from '../../../server/payment';
import { limitShopperAction } from '../../../server/rate-limit';

/** "Pay": starts the payment with the tenant's provider and sends the shopper there. */
export async function startPaymentAction(id: string): Promise<void> {
  const limit = await limitShopperAction(id, 'pay');
  if (!limit.allowed) {
    const message = `Too many payment attempts. Try again in ${limit.retryAfterSeconds} seconds.`;
    redirect(`/c/${id}?error=${encodeURIComponent(message)}`);
  }
  let target: string;
  try {
    target = await beginHostedPayment(id);
  } catch (error) {
    if (error instanceof CheckoutPageError) {
      if (error.code === 'complete') redirect(`/c/${id}/success`);
      if (error.code === 'expired') redirect(`/c/${id}/expired`);
      redirect(`/c/${id}?error=${encodeURIComponent(error.message)}`);
    }
    throw error;
  }
  redirect(target);
}
