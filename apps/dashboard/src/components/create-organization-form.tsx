'use client';

import { Alert, Button, Field, Input } from '@prood/ui';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { createOrganizationAction } from '../server/actions';
import { keepValues } from './keep-values';

export function CreateOrganizationForm() {
  const [state, action, pending] = useActionState(createOrganizationAction, null);
  const t = useTranslations('auth.organization');
  return (
    <form action={action} onSubmit={keepValues(action)} noValidate className="flex flex-col gap-4">
      {state && !state.ok && !state.fieldErrors ? (
        <Alert tone="danger">{state.message}</Alert>
      ) : null}
      <Field id="org-name" label={t('name')} error={state?.fieldErrors?.name}>
        <Input name="name" autoComplete="organization" required minLength={2} maxLength={100} />
      </Field>
      <Button type="submit" disabled={pending} block>
        {pending ? t('pending') : t('submit')}
      </Button>
    </form>
  );
}
