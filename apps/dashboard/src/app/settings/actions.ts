'use server';

import { TRPCClientError } from '@trpc/client';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTrpc } from '../../server/trpc';

const back = (params: Record<string, string>) => `/settings?${new URLSearchParams(params)}`;

function messageOf(error: unknown): string {
  return error instanceof TRPCClientError ? error.message : 'Something went wrong.';
}

/** Connects the tenant's Stripe account; the keys go straight to the API and are sealed there. */
export async function connectStripeAction(form: FormData): Promise<void> {
  const trpc = await getTrpc();
  let target: string;
  try {
    await trpc.settings.connectStripe.mutate({
      secretKey: String(form.get('secretKey') ?? ''),
      publishableKey: String(form.get('publishableKey') ?? ''),
      webhookSecret: String(form.get('webhookSecret') ?? ''),
    });
    target = back({ notice: 'Stripe connected.' });
  } catch (error) {
    target = back({ error: messageOf(error) });
  }
  revalidatePath('/settings');
  redirect(target);
}

/**
 * Creates an API key. The secret comes back as the action's result, rendered once by the form
 * that asked for it: never in a URL, a cookie or a log.
 */
export async function createApiKeyAction(
  _previous: { secret?: string; error?: string },
  form: FormData,
): Promise<{ secret?: string; error?: string }> {
  const trpc = await getTrpc();
  try {
    const key = await trpc.settings.createApiKey.mutate({
      name: String(form.get('name') ?? 'Storefront'),
    });
    revalidatePath('/settings');
    return { secret: key.secret };
  } catch (error) {
    return { error: messageOf(error) };
  }
}

export async function revokeApiKeyAction(id: string): Promise<void> {
  const trpc = await getTrpc();
  await trpc.settings.revokeApiKey.mutate({ id });
  revalidatePath('/settings');
  redirect('/settings?notice=Key%20revoked.');
}
