'use client';

import { Alert, Button, Field, Input, Select, toast } from '@prood/ui';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useState } from 'react';
import { keepValues } from '../../../components/keep-values';
import { ResendVerificationButton } from '../../../components/shell';
import { createApiKeyAction } from '../../../server/actions';

/** Creates a key and shows its secret once, in this form's state only. */
export function CreateKeyForm({ emailVerified }: { emailVerified: boolean }) {
  const [state, action, pending] = useActionState(createApiKeyAction, null);
  const [copied, setCopied] = useState(false);
  const t = useTranslations('settings.keys');
  useEffect(() => {
    if (!state) return;
    if (state.ok) toast.success(state.message);
    else toast.error(state.message);
    setCopied(false);
  }, [state]);
  return (
    <div className="flex flex-col gap-4">
      <form
        action={action}
        onSubmit={keepValues(action)}
        noValidate
        className="grid gap-4 sm:grid-cols-[1fr_10rem_auto] sm:items-start"
      >
        <Field
          id="key-name"
          label={t('name')}
          error={state?.ok ? undefined : state?.fieldErrors?.name}
        >
          <Input name="name" placeholder={t('namePlaceholder')} maxLength={200} />
        </Field>
        <Field
          id="key-mode"
          label={t('mode')}
          hint={emailVerified ? undefined : t('liveNeedsEmail')}
        >
          <Select name="mode" defaultValue="test">
            <option value="test">{t('test')}</option>
            <option value="live" disabled={!emailVerified}>
              {t('live')}
            </option>
          </Select>
        </Field>
        <Button type="submit" disabled={pending} className="sm:mt-6">
          {pending ? t('creating') : t('create')}
        </Button>
      </form>
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
      {state?.secret ? (
        <Alert tone="warning" title={t('copyNow')}>
          <div className="mt-1 flex flex-wrap items-center gap-2">
            <code
              data-testid="new-key"
              className="break-all rounded bg-surface px-2 py-1 font-mono text-fg"
            >
              {state.secret}
            </code>
            <Button
              type="button"
              size="sm"
              variant="secondary"
              onClick={async () => {
                await navigator.clipboard.writeText(state.secret ?? '');
                setCopied(true);
                toast.success(t('copiedToast'));
              }}
            >
              {copied ? t('copied') : t('copy')}
            </Button>
          </div>
        </Alert>
      ) : null}
    </div>
  );
}
