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
import { useActionState, useEffect, useRef, useState } from 'react';
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

/**
 * A connect form built from a provider's credential fields: no provider is named in this file,
 * so a new provider needs no dashboard code. A test/live switch (live asks first, and needs a
 * confirmed email) picks which keys to paste; the API decides the mode from the keys.
 */
export function IntegrationForm(props: {
  spec: ConnectFormSpec;
  connected: boolean;
  currentMode: Mode;
  emailVerified: boolean;
}) {
  const { spec } = props;
  const router = useRouter();
  const [mode, setMode] = useState<Mode>(props.currentMode);
  const [state, action, pending] = useActionState<ActionResult | null, FormData>(
    connectIntegrationAction.bind(null, spec.id),
    null,
  );
  const form = useRef<HTMLFormElement>(null);
  const liveDialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      toast.success(`${spec.label}: ${state.message}`);
      form.current?.reset();
      router.refresh();
    } else toast.error(state.message);
  }, [state, spec.label, router]);
  const liveBlocked = mode === 'live' && !props.emailVerified;
  const formError = state && !state.ok && !state.fieldErrors ? state.message : null;
  return (
    <Card data-testid={`connect-${spec.id}`}>
      <CardHeader>
        <CardTitle>
          {props.connected ? `Replace the ${spec.label} keys` : `Connect ${spec.label}`}
        </CardTitle>
        <CardDescription>
          {spec.verification === 'signature' ? (
            <>
              Point your {spec.label} webhook at{' '}
              <code className="break-all">{spec.webhookUrl}</code>.
            </>
          ) : (
            'Webhooks are set on every payment and checked back with the provider: nothing to set up.'
          )}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium">Mode</legend>
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
                {each === 'test' ? 'Test keys' : 'Live keys'}
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
            Switch to live keys?
          </h2>
          <p className="mt-2 text-sm text-muted">
            With live keys, shoppers pay real money through your {spec.label} account. Test orders
            stay as they are.
          </p>
          <div className="mt-4 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button type="button" variant="secondary" onClick={() => liveDialog.current?.close()}>
              Stay in test mode
            </Button>
            <Button
              type="button"
              onClick={() => {
                liveDialog.current?.close();
                setMode('live');
              }}
            >
              Use live keys
            </Button>
          </div>
        </dialog>
        {liveBlocked ? (
          <Alert tone="warning" title="Confirm your email to go live">
            <p>Live keys are accepted once your email address is confirmed.</p>
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
        <form
          ref={form}
          action={action}
          onSubmit={keepValues(action)}
          noValidate
          className="flex flex-col gap-4"
        >
          {spec.fields.map((field) => (
            <Field
              key={field.name}
              id={`${spec.id}-${field.name}`}
              label={field.label}
              hint={field.hint}
              error={state?.ok ? undefined : state?.fieldErrors?.[field.name]}
              aside={field.optional ? 'optional' : undefined}
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
          ))}
          <Button type="submit" className="self-start" disabled={pending || liveBlocked}>
            {pending ? 'Checking the keys…' : `Save ${spec.label}`}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

export function SandboxConnect() {
  const router = useRouter();
  const [connect, pending] = useActionToast(connectSandboxAction, () => router.refresh());
  return (
    <Button type="button" onClick={connect} disabled={pending}>
      {pending ? 'Connecting…' : 'Connect the sandbox'}
    </Button>
  );
}

/** Disable / enable and remove, each destructive one behind a confirmation. */
export function ConnectionActions(props: { provider: string; label: string; enabled: boolean }) {
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
          title={`Disable ${props.label}?`}
          description="Checkouts stop offering it at once. Its keys are kept, so you can enable it again."
          confirmLabel={`Disable ${props.label}`}
          onConfirm={toggle}
          disabled={toggling}
        >
          Disable
        </ConfirmButton>
      ) : (
        <Button type="button" size="sm" variant="secondary" onClick={toggle} disabled={toggling}>
          Enable
        </Button>
      )}
      <ConfirmButton
        title={`Remove ${props.label}?`}
        description="Its stored keys are deleted and checkouts stop offering it. Orders already paid stay as they are."
        confirmLabel={`Remove ${props.label}`}
        onConfirm={remove}
        variant="danger"
        disabled={removing}
      >
        Remove
      </ConfirmButton>
    </div>
  );
}
