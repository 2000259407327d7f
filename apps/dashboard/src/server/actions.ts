'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { type ActionResult, failure, success } from './action-result';
import { getTrpc } from './trpc';

const refresh = () => revalidatePath('/', 'layout');

export async function switchOrganizationAction(organizationId: string): Promise<ActionResult> {
  try {
    await (await getTrpc()).account.switchOrganization.mutate({ organizationId });
  } catch (error) {
    return failure(error);
  }
  refresh();
  return success((await getTranslations('common.organization'))('switched'));
}

export async function createOrganizationAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  try {
    await (await getTrpc()).account.createOrganization.mutate({
      name: String(form.get('name') ?? ''),
    });
  } catch (error) {
    return failure(error);
  }
  refresh();
  redirect('/?created=1');
}

export async function resendVerificationAction(): Promise<ActionResult> {
  try {
    const { sentTo } = await (await getTrpc()).account.resendVerification.mutate();
    refresh();
    return success((await getTranslations('common.verify'))('sent', { email: sentTo }));
  } catch (error) {
    return failure(error);
  }
}

/**
 * Connects one provider account from its registry-built form (`provider` is bound by the form);
 * the credentials go straight to the API, which validates, verifies and seals them.
 */
export async function connectIntegrationAction(
  provider: string,
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const credentials: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string' && !name.startsWith('$')) credentials[name] = value;
  }
  try {
    const connected = await (await getTrpc()).settings.connectIntegration.mutate({
      provider: provider as never,
      credentials,
    });
    refresh();
    return success(`Connected in ${connected.mode} mode.`);
  } catch (error) {
    return failure(error);
  }
}

export async function connectSandboxAction(): Promise<ActionResult> {
  try {
    await (await getTrpc()).settings.connectSandbox.mutate();
    refresh();
    return success('Sandbox connected: you can take test payments now.');
  } catch (error) {
    return failure(error);
  }
}

export async function setIntegrationEnabledAction(
  provider: string,
  enabled: boolean,
): Promise<ActionResult> {
  try {
    await (await getTrpc()).settings.setIntegrationEnabled.mutate({
      provider: provider as never,
      enabled,
    });
    refresh();
    return success(enabled ? 'Integration enabled.' : 'Integration disabled.');
  } catch (error) {
    return failure(error);
  }
}

export async function removeIntegrationAction(provider: string): Promise<ActionResult> {
  try {
    await (await getTrpc()).settings.removeIntegration.mutate({ provider: provider as never });
    refresh();
    return success('Integration removed.');
  } catch (error) {
    return failure(error);
  }
}

/**
 * Creates an API key. The secret comes back as the action's result, rendered once by the form
 * that asked for it: never in a URL, a cookie or a log.
 */
export async function createApiKeyAction(
  _previous: (ActionResult & { secret?: string }) | null,
  form: FormData,
): Promise<ActionResult & { secret?: string }> {
  try {
    const key = await (await getTrpc()).settings.createApiKey.mutate({
      name: String(form.get('name') ?? ''),
      mode: form.get('mode') === 'live' ? 'live' : 'test',
    });
    refresh();
    const t = await getTranslations('settings.keys');
    return { ...success(t('created')), secret: key.secret };
  } catch (error) {
    return failure(error);
  }
}

export async function revokeApiKeyAction(id: string): Promise<ActionResult> {
  try {
    await (await getTrpc()).settings.revokeApiKey.mutate({ id });
    refresh();
    return success((await getTranslations('settings.keys'))('revoked'));
  } catch (error) {
    return failure(error);
  }
}
