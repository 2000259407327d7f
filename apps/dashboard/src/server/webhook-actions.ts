'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { type ActionResult, success } from './action-result';
import { getTrpc } from './trpc';
import { webhookFailure as inWords } from './webhook-errors';

/** A result that carries a `whsec_` secret, shown once by the form that asked for it. */
export type SecretResult = ActionResult & { secret?: string; endpointId?: string };

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/** The event types the form's checkboxes chose; "all events" wins over single ones. */
function chosenEvents(form: FormData): string[] {
  if (form.get('allEvents') === 'on') return ['*'];
  return form.getAll('events').map(String);
}

/** {@link inWords} with the request's webhooks messages. */
async function webhookFailure(
  error: unknown,
  submitted?: { url: string; mode: 'test' | 'live' },
  conflict: 'tooMany' | 'enableFirst' = 'tooMany',
): Promise<ActionResult> {
  return inWords(await getTranslations('webhooks'), error, submitted, conflict);
}

async function noEventsChosen(): Promise<ActionResult> {
  const t = await getTranslations('webhooks.actions');
  return {
    ok: false,
    message: t('fixFields'),
    fieldErrors: { enabledEvents: t('chooseEvents') },
  };
}

/** Registers an endpoint; its signing secret comes back in the result only (never a URL). */
export async function createWebhookEndpointAction(
  _previous: SecretResult | null,
  form: FormData,
): Promise<SecretResult> {
  const enabledEvents = chosenEvents(form);
  if (enabledEvents.length === 0) return noEventsChosen();
  const t = await getTranslations('webhooks.actions');
  const url = text(form, 'url');
  const mode = form.get('mode') === 'live' ? 'live' : 'test';
  try {
    const endpoint = await (await getTrpc()).webhooks.createEndpoint.mutate({
      url,
      description: text(form, 'description') || null,
      mode,
      enabledEvents: enabledEvents as never,
    });
    revalidatePath('/webhooks');
    return { ...success(t('created')), secret: endpoint.secret, endpointId: endpoint.id };
  } catch (error) {
    return webhookFailure(error, { url, mode });
  }
}

/** Saves url, description and event types (`id` is bound by the form). */
export async function updateWebhookEndpointAction(
  id: string,
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const enabledEvents = chosenEvents(form);
  if (enabledEvents.length === 0) return noEventsChosen();
  const t = await getTranslations('webhooks.actions');
  const url = text(form, 'url');
  // a refused URL is explained for the endpoint's own mode
  let mode: 'test' | 'live' = 'test';
  try {
    const trpc = await getTrpc();
    mode = (await trpc.webhooks.getEndpoint.query({ id })).mode;
    await trpc.webhooks.updateEndpoint.mutate({
      id,
      patch: {
        url,
        description: text(form, 'description') || null,
        enabledEvents: enabledEvents as never,
      },
    });
    revalidatePath(`/webhooks/${id}`);
    return success(t('saved'));
  } catch (error) {
    return webhookFailure(error, { url, mode });
  }
}

export async function setWebhookEndpointDisabledAction(
  id: string,
  disabled: boolean,
): Promise<ActionResult> {
  const t = await getTranslations('webhooks.actions');
  try {
    await (await getTrpc()).webhooks.updateEndpoint.mutate({ id, patch: { disabled } });
    revalidatePath('/webhooks', 'layout');
    return success(disabled ? t('disabled') : t('enabled'));
  } catch (error) {
    return webhookFailure(error);
  }
}

/** A new secret, returned once; the old one keeps signing for 24 hours. */
export async function rotateWebhookSecretAction(id: string): Promise<SecretResult> {
  const t = await getTranslations('webhooks.actions');
  try {
    const endpoint = await (await getTrpc()).webhooks.rotateSecret.mutate({ id });
    revalidatePath(`/webhooks/${id}`);
    return { ...success(t('rotated')), secret: endpoint.secret };
  } catch (error) {
    return webhookFailure(error);
  }
}

export async function deleteWebhookEndpointAction(id: string): Promise<ActionResult> {
  const t = await getTranslations('webhooks.actions');
  try {
    await (await getTrpc()).webhooks.deleteEndpoint.mutate({ id });
    revalidatePath('/webhooks');
    return success(t('deleted'));
  } catch (error) {
    return webhookFailure(error);
  }
}

/** Queues the delivery again now; the worker records the new attempt. */
export async function resendWebhookDeliveryAction(id: string): Promise<ActionResult> {
  const t = await getTranslations('webhooks.actions');
  try {
    await (await getTrpc()).webhooks.resendDelivery.mutate({ id });
    revalidatePath(`/webhooks/deliveries/${id}`);
    return success(t('resent'));
  } catch (error) {
    return webhookFailure(error, undefined, 'enableFirst');
  }
}
