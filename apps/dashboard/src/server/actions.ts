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
 * the credentials go straight to the API, which validates, verifies and seals them, and
 * registers the webhook endpoint where the provider can. What became of endpoints is told.
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
    const t = await getTranslations('integrations.actions');
    const endpoints = connected.webhookEndpoints.map((each) =>
      each.action === 'registered'
        ? t('endpointRegistered', { id: each.id })
        : each.action === 'deleted'
          ? t('endpointDeleted', { id: each.id })
          : t('endpointNotDeleted', { id: each.id, message: each.message }),
    );
    refresh();
    return success([t('connected', { mode: connected.mode }), ...endpoints].join(' '));
  } catch (error) {
    return failure(error);
  }
}

export async function connectSandboxAction(): Promise<ActionResult> {
  try {
    await (await getTrpc()).settings.connectSandbox.mutate();
    refresh();
    return success((await getTranslations('integrations.actions'))('sandboxConnected'));
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
    const t = await getTranslations('integrations.actions');
    return success(enabled ? t('enabled') : t('disabled'));
  } catch (error) {
    return failure(error);
  }
}

/** Removes a connection; the webhook endpoint we registered goes too, and the toast says so. */
export async function removeIntegrationAction(provider: string): Promise<ActionResult> {
  try {
    const removed = await (await getTrpc()).settings.removeIntegration.mutate({
      provider: provider as never,
    });
    refresh();
    const t = await getTranslations('integrations.actions');
    const endpoint = removed.webhookEndpoint;
    if (endpoint?.action === 'deleted') {
      return success(t('removedEndpointDeleted', { id: endpoint.id }));
    }
    if (endpoint?.action === 'not_deleted') {
      return success(
        t('removedEndpointNotDeleted', { id: endpoint.id, message: endpoint.message }),
      );
    }
    return success(t('removed'));
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
