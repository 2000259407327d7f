'use client';

import { Alert, Button, ConfirmButton, Field, Input, Select, toast } from '@prood/ui';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useState, useTransition } from 'react';
import type { ActionResult } from '../server/action-result';
import {
  createWebhookEndpointAction,
  deleteWebhookEndpointAction,
  resendWebhookDeliveryAction,
  rotateWebhookSecretAction,
  type SecretResult,
  setWebhookEndpointDisabledAction,
  updateWebhookEndpointAction,
} from '../server/webhook-actions';
import { keepValues } from './keep-values';
import { ResendVerificationButton } from './shell';
import { useActionToast } from './use-action';
import { groupEventTypes, useEventTypeHint, useGroupLabel } from './webhook-ui';

function useToastResult(state: ActionResult | null) {
  useEffect(() => {
    if (!state) return;
    if (state.ok) toast.success(state.message);
    else toast.error(state.message);
  }, [state]);
}

/** A `whsec_` secret, shown once with a copy button and the warning that it will not come back. */
export function SecretOnce(props: { secret: string; title: string; children?: React.ReactNode }) {
  const [copied, setCopied] = useState(false);
  const t = useTranslations('webhooks.secret');
  return (
    <Alert tone="warning" title={props.title}>
      {props.children ? <p className="mt-1">{props.children}</p> : null}
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code
          data-testid="webhook-secret"
          className="min-w-0 break-all rounded bg-surface px-2 py-1 font-mono text-fg"
        >
          {props.secret}
        </code>
        <Button
          type="button"
          size="sm"
          variant="secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(props.secret);
              setCopied(true);
              toast.success(t('copiedToast'));
            } catch {
              toast.error(t('copyFailed'));
            }
          }}
        >
          {copied ? t('copied') : t('copy')}
        </Button>
      </div>
    </Alert>
  );
}

/** Checkboxes of event types grouped by object, plus "all events". */
function EventTypePicker(props: {
  eventTypes: string[];
  chosen: string[];
  error: string | undefined;
  disabled?: boolean;
}) {
  const [all, setAll] = useState(props.chosen.includes('*'));
  const groups = groupEventTypes(props.eventTypes);
  const t = useTranslations('webhooks.form');
  const hint = useEventTypeHint();
  const groupLabel = useGroupLabel();
  return (
    <fieldset
      disabled={props.disabled}
      aria-describedby={props.error ? 'events-error' : undefined}
      className="flex flex-col gap-3"
    >
      <legend className="mb-1 text-sm font-medium">{t('eventsLegend')}</legend>
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          name="allEvents"
          checked={all}
          onChange={(event) => setAll(event.target.checked)}
          className="mt-0.5 size-4 shrink-0 accent-[var(--color-accent)]"
        />
        <span>
          <span className="font-medium">{t('allEvents')}</span>
          <span className="block text-muted">{t('allEventsHint')}</span>
        </span>
      </label>
      <div className="grid gap-4 sm:grid-cols-2">
        {groups.map((group) => (
          <fieldset key={group.object} disabled={all} className="flex flex-col gap-2">
            <legend className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">
              {groupLabel(group.object)}
            </legend>
            {group.types.map((type) => (
              <label key={type} className="flex items-start gap-3 text-sm">
                <input
                  type="checkbox"
                  name="events"
                  value={type}
                  defaultChecked={props.chosen.includes(type)}
                  className="mt-0.5 size-4 shrink-0 accent-[var(--color-accent)]"
                />
                <span className="min-w-0">
                  <code className="break-all font-mono text-xs">{type}</code>
                  <span className="block text-muted">{hint(type)}</span>
                </span>
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      {props.error ? (
        <p id="events-error" className="text-sm text-danger">
          {props.error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** "Add endpoint": url, description, mode, event types; the secret is shown once afterwards. */
export function CreateEndpointForm(props: { eventTypes: string[]; emailVerified: boolean }) {
  const [state, action, pending] = useActionState(createWebhookEndpointAction, null);
  useToastResult(state);
  const [formKey, setFormKey] = useState(0);
  // an added endpoint empties the form for the next one; a refused one keeps what was typed
  useEffect(() => {
    if (state?.ok) setFormKey((k) => k + 1);
  }, [state]);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  const t = useTranslations('webhooks');
  return (
    <div className="flex flex-col gap-4">
      {state?.secret ? (
        <SecretOnce secret={state.secret} title={t('secret.createdTitle')}>
          {t('secret.createdBody')}{' '}
          {state.endpointId ? (
            <a className="underline" href={`/webhooks/${state.endpointId}`}>
              {t('secret.openEndpoint')}
            </a>
          ) : null}
        </SecretOnce>
      ) : null}
      <form
        key={formKey}
        action={action}
        onSubmit={keepValues(action)}
        noValidate
        className="flex flex-col gap-4"
      >
        <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
          <Field
            id="endpoint-url"
            label={t('form.url')}
            hint={t('form.urlHint')}
            error={errors?.url}
          >
            <Input name="url" type="url" placeholder={t('form.urlPlaceholder')} maxLength={2048} />
          </Field>
          <Field
            id="endpoint-mode"
            label={t('form.mode')}
            hint={props.emailVerified ? undefined : t('form.liveAfterVerify')}
          >
            <Select name="mode" defaultValue="test">
              <option value="test">{t('mode.test')}</option>
              <option value="live" disabled={!props.emailVerified}>
                {t('mode.live')}
              </option>
            </Select>
          </Field>
        </div>
        <Field
          id="endpoint-description"
          label={t('form.description')}
          aside={t('form.optional')}
          error={errors?.description}
        >
          <Input
            name="description"
            placeholder={t('form.descriptionPlaceholder')}
            maxLength={500}
          />
        </Field>
        <EventTypePicker eventTypes={props.eventTypes} chosen={[]} error={errors?.enabledEvents} />
        {state && !state.ok && !state.fieldErrors ? (
          <Alert tone="danger">
            {state.message}
            {state.code === 'email_not_verified' ? (
              <div className="mt-2">
                <ResendVerificationButton />
              </div>
            ) : null}
          </Alert>
        ) : null}
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? t('form.adding') : t('form.add')}
          </Button>
        </div>
      </form>
    </div>
  );
}

/** Edits url, description and event types of one endpoint. */
export function EditEndpointForm(props: {
  id: string;
  url: string;
  description: string | null;
  enabledEvents: string[];
  eventTypes: string[];
}) {
  const [state, action, pending] = useActionState(
    updateWebhookEndpointAction.bind(null, props.id),
    null,
  );
  useToastResult(state);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  const t = useTranslations('webhooks.form');
  return (
    <form action={action} onSubmit={keepValues(action)} noValidate className="flex flex-col gap-4">
      <Field id="endpoint-url" label={t('url')} error={errors?.url}>
        <Input name="url" type="url" defaultValue={props.url} maxLength={2048} />
      </Field>
      <Field
        id="endpoint-description"
        label={t('description')}
        aside={t('optional')}
        error={errors?.description}
      >
        <Input name="description" defaultValue={props.description ?? ''} maxLength={500} />
      </Field>
      <EventTypePicker
        eventTypes={props.eventTypes}
        chosen={props.enabledEvents}
        error={errors?.enabledEvents}
      />
      {state && !state.ok && !state.fieldErrors ? (
        <Alert tone="danger">{state.message}</Alert>
      ) : null}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t('saving') : t('save')}
        </Button>
      </div>
    </form>
  );
}

/** Pause/resume, rotate the secret (shown once) and delete. */
export function EndpointControls(props: { id: string; url: string; enabled: boolean }) {
  const router = useRouter();
  const t = useTranslations('webhooks');
  const [secret, setSecret] = useState<string | null>(null);
  const [toggle, toggling] = useActionToast(
    () => setWebhookEndpointDisabledAction(props.id, props.enabled),
    () => router.refresh(),
  );
  const [rotating, startRotate] = useTransition();
  const rotate = () =>
    startRotate(async () => {
      const result: SecretResult = await rotateWebhookSecretAction(props.id);
      if (result.ok) toast.success(result.message);
      else toast.error(result.message);
      if (result.secret) setSecret(result.secret);
      router.refresh();
    });
  const [remove, removing] = useActionToast(
    () => deleteWebhookEndpointAction(props.id),
    (result) => {
      if (result.ok) router.push('/webhooks');
    },
  );
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="secondary" size="sm" onClick={toggle} disabled={toggling}>
          {props.enabled ? t('controls.disable') : t('controls.enable')}
        </Button>
        <ConfirmButton
          title={t('controls.rotateTitle')}
          description={t('controls.rotateDescription')}
          confirmLabel={t('controls.rotateConfirm')}
          confirmVariant="primary"
          onConfirm={rotate}
          disabled={rotating}
        >
          {t('controls.rotate')}
        </ConfirmButton>
        <ConfirmButton
          title={t('controls.deleteTitle')}
          description={t('controls.deleteDescription', { url: props.url })}
          confirmLabel={t('controls.deleteConfirm')}
          onConfirm={remove}
          disabled={removing}
          variant="ghost"
        >
          {t('controls.delete')}
        </ConfirmButton>
      </div>
      {secret ? (
        <SecretOnce secret={secret} title={t('secret.rotatedTitle')}>
          {t('secret.rotatedBody')}
        </SecretOnce>
      ) : null}
    </div>
  );
}

/**
 * Resends a delivery, then refreshes the page until the worker has recorded the new attempt
 * (it polls every quarter second), for at most 20 seconds.
 */
export function ResendDeliveryButton(props: {
  id: string;
  attemptCount: number;
  disabled?: boolean;
}) {
  const router = useRouter();
  const t = useTranslations('webhooks.controls');
  const [waitingFor, setWaitingFor] = useState<number | null>(null);
  const [resend, pending] = useActionToast(
    () => resendWebhookDeliveryAction(props.id),
    (result) => {
      if (result.ok) setWaitingFor(props.attemptCount + 1);
      router.refresh();
    },
  );
  useEffect(() => {
    if (waitingFor === null) return;
    if (props.attemptCount >= waitingFor) {
      setWaitingFor(null);
      return;
    }
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
      router.refresh();
      if (ticks >= 20) {
        clearInterval(timer);
        setWaitingFor(null);
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [waitingFor, props.attemptCount, router]);
  return (
    <Button
      type="button"
      onClick={resend}
      disabled={pending || waitingFor !== null || props.disabled}
    >
      {pending ? t('resending') : waitingFor !== null ? t('sending') : t('resend')}
    </Button>
  );
}
