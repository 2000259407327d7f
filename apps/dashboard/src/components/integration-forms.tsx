'use client';

import {
  Alert,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  ConfirmButton,
  Field,
  Input,
  toast,
} from '@prood/ui';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { type ReactNode, useActionState, useEffect, useRef, useState } from 'react';
import type { ActionResult } from '../server/action-result';
import {
  connectIntegrationAction,
  connectSandboxAction,
  removeIntegrationAction,
  setIntegrationEnabledAction,
} from '../server/actions';
import { keepValues } from './keep-values';
import { ResendVerificationButton } from './shell';
import { useActionToast } from './use-action';

/** One provider's connect form, as the registry describes it (`settings.providers`). */
export interface ConnectFormSpec {
  id: string;
  label: string;
  verification: 'signature' | 'fetch-back';
  webhookUrl: string;
  /** Set when saving can register the webhook endpoint: this field may then stay empty. */
  webhookEndpoint: { secretField: string; endpointIdField: string } | null;
  fields: {
    name: string;
    label: string;
    secret: boolean;
    placeholder?: string | undefined;
    hint?: string | undefined;
    optional?: boolean | undefined;
  }[];
}

type Mode = 'test' | 'live';

/** A placeholder for the chosen mode: the registry writes test ones (`sk_test_…`). */
const placeholderFor = (placeholder: string | undefined, mode: Mode) =>
  mode === 'live' ? placeholder?.replace(/test/g, 'live') : placeholder;

const code = (chunks: ReactNode) => <code className="break-all">{chunks}</code>;

/**
 * A connect form built from a provider's credential fields: no provider is named in this file,
 * so a new provider needs no dashboard code. A test/live switch (live asks first, and needs a
 * confirmed email) picks which keys to paste; the API decides the mode from the keys. Where
 * the provider registers its webhook endpoint, the signing secret waits behind "set it up
 * yourself", opened when the provider refused to register one (its words shown).
 */
export function IntegrationForm(props: {
  spec: ConnectFormSpec;
  connected: boolean;
  currentMode: Mode;
  emailVerified: boolean;
}) {
  const { spec } = props;
  const t = useTranslations('integrations.form');
  const router = useRouter();
  const [mode, setMode] = useState<Mode>(props.currentMode);
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(
    connectIntegrationAction.bind(null, spec.id),
    null,
  );
  const form = useRef<HTMLFormElement>(null);
  const liveDialog = useRef<HTMLDialogElement>(null);
  // one toast per answer: re-renders (a refresh, a new `t`) must not repeat it
  const toasted = useRef<ActionResult | null>(null);
  useEffect(() => {
    if (!state || toasted.current === state) return;
    toasted.current = state;
    if (state.ok) {
      toast.success(t('toastConnected', { label: spec.label, message: state.message }));
      form.current?.reset();
      router.refresh();
    } else if (state.code === 'webhook_endpoint_refused') {
      // the provider's own words are in the alert above the form
      toast.error(t('refusedTitle', { label: spec.label }));
    } else toast.error(state.message);
  }, [state, spec.label, router, t]);
  const liveBlocked = mode === 'live' && !props.emailVerified;
  const refused = state && !state.ok && state.code === 'webhook_endpoint_refused';
  const formError = state && !state.ok && !state.fieldErrors && !refused ? state.message : null;
  const secretField = spec.webhookEndpoint?.secretField;
  const typedFields = spec.fields.filter((field) => field.name !== secretField);
  const secretSpec = spec.fields.find((field) => field.name === secretField);
  const manualOpen = Boolean(
    refused || (secretField && state && !state.ok && state.fieldErrors?.[secretField]),
  );
  const fieldFor = (field: ConnectFormSpec['fields'][number]) => (
    <Field
      key={field.name}
      id={`${spec.id}-${field.name}`}
      label={field.label}
      hint={field.hint}
      error={state?.ok ? undefined : state?.fieldErrors?.[field.name]}
      aside={field.optional || field.name === secretField ? t('optional') : undefined}
    >
      <Input
        name={field.name}
        type={field.secret ? 'password' : 'text'}
        placeholder={placeholderFor(field.placeholder, mode)}
        autoComplete="off"
        spellCheck={false}
        disabled={liveBlocked}
      />
    </Field>
  );
  return (
    <Card data-testid={`connect-${spec.id}`}>
      <CardHeader>
        <CardTitle>
          {props.connected
            ? t('replaceTitle', { label: spec.label })
            : t('connectTitle', { label: spec.label })}
        </CardTitle>
        <CardDescription>
          {spec.webhookEndpoint
            ? t('registersEndpoint', { label: spec.label })
            : spec.verification === 'signature'
              ? t.rich('pointWebhook', { label: spec.label, url: spec.webhookUrl, code })
              : t('fetchBack')}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">{t('mode')}</legend>
          <div className="inline-flex w-fit rounded-ui border border-border p-0.5">
            {(['test', 'live'] as const).map((each) => (
              <label
                key={each}
                className={`cursor-pointer rounded-[0.4rem] px-3 py-1.5 text-sm font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-ring ${
                  mode === each ? 'bg-accent text-accent-fg' : 'text-fg'
                }`}
              >
                <input
                  type="radio"
                  name="$mode"
                  value={each}
                  checked={mode === each}
                  className="sr-only"
                  onChange={() => {
                    if (each === 'live') liveDialog.current?.showModal();
                    else setMode('test');
                  }}
                />
                {each === 'test' ? t('testKeys') : t('liveKeys')}
              </label>
            ))}
          </div>
        </fieldset>
        <dialog
          ref={liveDialog}
          aria-labelledby={`${spec.id}-live-title`}
          className="m-auto w-[calc(100%-2rem)] max-w-md rounded-ui border border-border bg-surface p-5 text-fg shadow-xl backdrop:bg-black/40"
        >
          <h2 id={`${spec.id}-live-title`} className="text-lg font-semibold">
            {t('liveDialogTitle')}
          </h2>
          <p className="mt-2 text-sm text-muted">{t('liveDialogBody', { label: spec.label })}</p>
          <div className="mt-4 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button type="button" variant="secondary" onClick={() => liveDialog.current?.close()}>
              {t('stayTest')}
            </Button>
            <Button
              type="button"
              onClick={() => {
                liveDialog.current?.close();
                setMode('live');
              }}
            >
              {t('useLive')}
            </Button>
          </div>
        </dialog>
        {liveBlocked ? (
          <Alert tone="warning" title={t('confirmEmailTitle')}>
            <p>{t('confirmEmailBody')}</p>
            <div className="mt-2">
              <ResendVerificationButton />
            </div>
          </Alert>
        ) : null}
        {formError ? (
          <Alert tone="danger">
            {formError}
            {state?.code === 'email_not_verified' ? (
              <div className="mt-2">
                <ResendVerificationButton />
              </div>
            ) : null}
          </Alert>
        ) : null}
        {refused ? (
          <Alert
            tone="warning"
            title={t('refusedTitle', { label: spec.label })}
            data-testid="webhook-endpoint-refused"
          >
            <p>{t('refusedBody', { label: spec.label, message: state.message })}</p>
            <p className="mt-1">
              {t.rich('refusedNext', { label: spec.label, url: spec.webhookUrl, code })}
            </p>
          </Alert>
        ) : null}
        <form
          ref={form}
          action={action}
          onSubmit={keepValues(action)}
          noValidate
          className="flex flex-col gap-4"
        >
          {typedFields.map(fieldFor)}
          {secretSpec ? (
            <details
              // reopened (not just kept) when a refusal or a field error arrives
              key={manualOpen ? 'open' : 'closed'}
              open={manualOpen}
              className="rounded-ui border border-border p-3"
            >
              <summary className="cursor-pointer text-sm font-medium">{t('manualSummary')}</summary>
              <div className="mt-3 flex flex-col gap-3">
                <p className="text-sm text-muted">
                  {t.rich('manualBody', { label: spec.label, url: spec.webhookUrl, code })}
                </p>
                {fieldFor(secretSpec)}
              </div>
            </details>
          ) : null}
          <Button type="submit" className="self-start" disabled={pending || liveBlocked}>
            {pending ? t('checking') : t('save', { label: spec.label })}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

export function SandboxConnect() {
  const t = useTranslations('integrations.sandbox');
  const router = useRouter();
  const [connect, pending] = useActionToast(connectSandboxAction, () => router.refresh());
  return (
    <Button type="button" onClick={connect} disabled={pending}>
      {pending ? t('connecting') : t('connect')}
    </Button>
  );
}

/** Disable / enable and remove, each destructive one behind a confirmation. */
export function ConnectionActions(props: {
  provider: string;
  label: string;
  enabled: boolean;
  /** Whether removing also deletes a webhook endpoint we registered (the dialog says so). */
  registeredEndpoint?: boolean;
}) {
  const t = useTranslations('integrations.connectionActions');
  const router = useRouter();
  const [toggle, toggling] = useActionToast(
    () => setIntegrationEnabledAction(props.provider, !props.enabled),
    () => router.refresh(),
  );
  const [remove, removing] = useActionToast(
    () => removeIntegrationAction(props.provider),
    (result) => {
      if (result.ok) router.push('/integrations');
    },
  );
  return (
    <div className="flex flex-wrap gap-2">
      {props.enabled ? (
        <ConfirmButton
          title={t('disableTitle', { label: props.label })}
          description={t('disableDescription')}
          confirmLabel={t('disableConfirm', { label: props.label })}
          onConfirm={toggle}
          disabled={toggling}
        >
          {t('disable')}
        </ConfirmButton>
      ) : (
        <Button type="button" size="sm" variant="secondary" onClick={toggle} disabled={toggling}>
          {t('enable')}
        </Button>
      )}
      <ConfirmButton
        title={t('removeTitle', { label: props.label })}
        description={
          props.registeredEndpoint
            ? t('removeEndpointDescription', { label: props.label })
            : t('removeDescription')
        }
        confirmLabel={t('removeConfirm', { label: props.label })}
        onConfirm={remove}
        variant="danger"
        disabled={removing}
      >
        {t('remove')}
      </ConfirmButton>
    </div>
  );
}
