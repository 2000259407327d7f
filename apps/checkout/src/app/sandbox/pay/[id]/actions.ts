'use server';

import { ProviderError } from '@prood/checkout';
import { completeSandboxAuthentication, submitSandboxCard } from '@prood/provider-factory';
import { redirect } from 'next/navigation';
import { getSandboxRuntime } from '../../../../server/context';

const back = (id: string, error?: string) =>
  `/sandbox/pay/${id}${error ? `?error=${encodeURIComponent(error)}` : ''}`;

/** The sandbox "card form": the test card decides the outcome, like Stripe test mode. */
export async function payWithCardAction(id: string, form: FormData): Promise<void> {
  const cardNumber = String(form.get('cardNumber') ?? '');
  let target: string;
  try {
    const result = await submitSandboxCard(getSandboxRuntime(), {
      sandboxSessionId: id,
      cardNumber,
    });
    target = result.redirectUrl ?? back(id, result.failureMessage);
  } catch (error) {
    if (error instanceof ProviderError) target = back(id, error.message);
    else throw error;
  }
  redirect(target);
}

/** The 3-D Secure stand-in: the shopper approves or fails the authentication. */
export async function authenticateAction(id: string, approve: boolean): Promise<void> {
  let target: string;
  try {
    const result = await completeSandboxAuthentication(getSandboxRuntime(), {
      sandboxSessionId: id,
      approve,
    });
    target = result.redirectUrl ?? back(id, result.failureMessage);
  } catch (error) {
    if (error instanceof ProviderError) target = back(id, error.message);
    else throw error;
  }
  redirect(target);
}
