'use server';

import { revalidatePath } from 'next/cache';
import { type ActionResult, failure, success } from './action-result';
import { getTrpc } from './trpc';

/** A result that carries a `whsec_` secret, shown once by the form that asked for it. */
export type SecretResult = ActionResult & { secret?: string; endpointId?: string };

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/** The event types the form's checkboxes chose; "all events" wins over single ones. */
function chosenEvents(form: FormData): string[] {
  if (form.get('allEvents') === 'on') return ['*'];
  return form.getAll('events').map(String);
}

/** The API's refusal of a URL (SSRF, scheme, DNS) belongs next to the URL field. */
function withUrlError(error: unknown): ActionResult {
  const result = failure(error);
  if (result.code === 'webhook_url_refused') {
    return { ...result, fieldErrors: { ...result.fieldErrors, url: result.message } };
  }
  return result;
}

function noEventsChosen(): ActionResult {
  return {
    ok: false,
    message: 'Some fields need a fix.',
    fieldErrors: { enabledEvents: 'Choose at least one event type.' },
  };
}

/** Registers an endpoint; its signing secret comes back in the result only (never a URL). */
export async function createWebhookEndpointAction(
  _previous: SecretResult | null,
  form: FormData,
): Promise<SecretResult> {
  const enabledEvents = chosenEvents(form);
  if (enabledEvents.length === 0) return noEventsChosen();
  try {
    const endpoint = await (await getTrpc()).webhooks.createEndpoint.mutate({
      url: text(form, 'url'),
      description: text(form, 'description') || null,
      mode: form.get('mode') === 'live' ? 'live' : 'test',
      enabledEvents: enabledEvents as never,
    });
    revalidatePath('/webhooks');
    return {
      ...success('Endpoint added. Copy its signing secret now: it is shown once.'),
      secret: endpoint.secret,
      endpointId: endpoint.id,
    };
  } catch (error) {
    return withUrlError(error);
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
  try {
    await (await getTrpc()).webhooks.updateEndpoint.mutate({
      id,
      patch: {
        url: text(form, 'url'),
        description: text(form, 'description') || null,
        enabledEvents: enabledEvents as never,
      },
    });
    revalidatePath(`/webhooks/${id}`);
    return success('Endpoint saved.');
  } catch (error) {
    return withUrlError(error);
  }
}

export async function setWebhookEndpointDisabledAction(
  id: string,
  disabled: boolean,
): Promise<ActionResult> {
  try {
    await (await getTrpc()).webhooks.updateEndpoint.mutate({ id, patch: { disabled } });
    revalidatePath('/webhooks', 'layout');
    return success(
      disabled ? 'Endpoint disabled: nothing is sent to it.' : 'Endpoint enabled again.',
    );
  } catch (error) {
    return failure(error);
  }
}

/** A new secret, returned once; the old one keeps signing for 24 hours. */
export async function rotateWebhookSecretAction(id: string): Promise<SecretResult> {
  try {
    const endpoint = await (await getTrpc()).webhooks.rotateSecret.mutate({ id });
    revalidatePath(`/webhooks/${id}`);
    return {
      ...success('New signing secret made. Copy it now: it is shown once.'),
      secret: endpoint.secret,
    };
  } catch (error) {
    return failure(error);
  }
}

export async function deleteWebhookEndpointAction(id: string): Promise<ActionResult> {
  try {
    await (await getTrpc()).webhooks.deleteEndpoint.mutate({ id });
    revalidatePath('/webhooks');
    return success('Endpoint deleted.');
  } catch (error) {
    return failure(error);
  }
}

/** Queues the delivery again now; the worker records the new attempt. */
export async function resendWebhookDeliveryAction(id: string): Promise<ActionResult> {
  try {
    await (await getTrpc()).webhooks.resendDelivery.mutate({ id });
    revalidatePath(`/webhooks/deliveries/${id}`);
    return success('Delivery queued: the new attempt shows here in a moment.');
  } catch (error) {
    return failure(error);
  }
}
