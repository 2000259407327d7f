'use server';

import { TRPCClientError } from '@trpc/client';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTrpc } from '../../server/trpc';

const back = (params: Record<string, string>) => `/settings?${new URLSearchParams(params)}`;

function messageOf(error: unknown): string {
  return error instanceof TRPCClientError ? error.message : 'Something went wrong.';
}

/**
 * Connects one provider account from its registry-built form (`provider` is bound by the form);
 * the credentials go straight to the API, which validates and seals them.
 */
export async function connectIntegrationAction(provider: string, form: FormData): Promise<void> {
  const trpc = await getTrpc();
  const credentials: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string' && !name.startsWith('$')) credentials[name] = value;
  }
  let target: string;
  try {
    const connected = await trpc.settings.connectIntegration.mutate({
      provider: provider as never,
      credentials,
    });
    target = back({ notice: `${connected.provider} connected (${connected.mode} mode).` });
  } catch (error) {
    target = back({ error: messageOf(error) });
  }
  revalidatePath('/settings');
  redirect(target);
}

/** Turns a connected provider on or off (`provider` and `enabled` are bound by the form). */
export async function setIntegrationEnabledAction(
  provider: string,
  enabled: boolean,
): Promise<void> {
  const trpc = await getTrpc();
  let target: string;
  try {
    await trpc.settings.setIntegrationEnabled.mutate({ provider: provider as never, enabled });
    target = back({ notice: `${provider} ${enabled ? 'enabled' : 'disabled'}.` });
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
