'use client';

import type { AppRouter } from '@prood/api/trpc';
import { Alert, Button, ConfirmButton, Field, Input, Select, toast } from '@prood/ui';
import type { inferRouterOutputs } from '@trpc/server';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef } from 'react';
import { keepValues } from '../../../components/keep-values';
import { useActionToast } from '../../../components/use-action';
import type { ActionResult } from '../../../server/action-result';
import {
  createShippingRateAction,
  deactivateShippingRateAction,
  saveCheckoutSettingsAction,
} from '../../../server/checkout-settings-actions';

const LANGUAGES = ['en', 'de', 'fr', 'es', 'nl', 'pt'] as const;

export type CheckoutSettingsValues = inferRouterOutputs<AppRouter>['checkoutSettings']['get'];

function useToastResult(state: ActionResult | null) {
  useEffect(() => {
    if (!state) return;
    if (state.ok) toast.success(state.message);
    else toast.error(state.message);
  }, [state]);
}

function Toggle(props: { name: string; label: string; hint: string; defaultChecked: boolean }) {
  return (
    <label className="flex items-start gap-3 text-sm">
      <input
        type="checkbox"
        name={props.name}
        defaultChecked={props.defaultChecked}
        className="mt-0.5 size-4 shrink-0 accent-[var(--color-accent)]"
      />
      <span>
        <span className="font-medium">{props.label}</span>
        <span className="block text-muted">{props.hint}</span>
      </span>
    </label>
  );
}

/** The page's look and questions; members see it read-only. */
export function CheckoutSettingsForm(props: {
  values: CheckoutSettingsValues;
  organizationName: string;
  canManage: boolean;
}) {
  const [state, action, pending] = useActionState(saveCheckoutSettingsAction, null);
  useToastResult(state);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  const v = props.values;
  const t = useTranslations('checkoutSettings');
  return (
    <form action={action} onSubmit={keepValues(action)} noValidate className="flex flex-col gap-6">
      <fieldset disabled={!props.canManage} className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">{t('branding.legend')}</legend>
        <Field
          id="displayName"
          label={t('branding.displayName')}
          hint={t('branding.displayNameHint', { organization: props.organizationName })}
          error={errors?.displayName}
        >
          <Input name="displayName" defaultValue={v.displayName ?? ''} maxLength={200} />
        </Field>
        <Field
          id="accentColor"
          label={t('branding.accentColor')}
          hint={t('branding.accentColorHint')}
          error={errors?.accentColor}
        >
          <Input
            name="accentColor"
            defaultValue={v.accentColor ?? ''}
            placeholder="#1f4fd1"
            maxLength={7}
          />
        </Field>
        <Field
          id="logoUrl"
          label={t('branding.logoUrl')}
          hint={t('branding.logoUrlHint')}
          error={errors?.logoUrl}
          className="sm:col-span-2"
        >
          <Input name="logoUrl" type="url" defaultValue={v.logoUrl ?? ''} placeholder="https://…" />
        </Field>
        <Field
          id="defaultLocale"
          label={t('branding.defaultLocale')}
          hint={t('branding.defaultLocaleHint')}
          error={errors?.defaultLocale}
        >
          <Select name="defaultLocale" defaultValue={v.defaultLocale}>
            {LANGUAGES.map((code) => (
              <option key={code} value={code}>
                {t(`languages.${code}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          id="stripeFlow"
          label={t('branding.stripeFlow')}
          hint={t('branding.stripeFlowHint')}
          error={errors?.stripeFlow}
        >
          <Select name="stripeFlow" defaultValue={v.stripeFlow}>
            <option value="embedded">{t('branding.stripeEmbedded')}</option>
            <option value="hosted">{t('branding.stripeHosted')}</option>
          </Select>
        </Field>
      </fieldset>
      <fieldset disabled={!props.canManage} className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">{t('questions.legend')}</legend>
        <Field
          id="shippingCountries"
          label={t('questions.shippingCountries')}
          hint={t('questions.shippingCountriesHint')}
          error={errors?.shippingCountries}
          className="sm:col-span-2"
        >
          <Input name="shippingCountries" defaultValue={v.shippingCountries.join(', ')} />
        </Field>
        <Field
          id="termsUrl"
          label={t('questions.termsUrl')}
          hint={t('questions.termsUrlHint')}
          error={errors?.termsUrl}
          className="sm:col-span-2"
        >
          <Input
            name="termsUrl"
            type="url"
            defaultValue={v.termsUrl ?? ''}
            placeholder="https://…"
          />
        </Field>
        <div className="flex flex-col gap-3 sm:col-span-2">
          <Toggle
            name="collectPhone"
            label={t('questions.collectPhone')}
            hint={t('questions.collectPhoneHint')}
            defaultChecked={v.collectPhone}
          />
          <Toggle
            name="adjustableQuantity"
            label={t('questions.adjustableQuantity')}
            hint={t('questions.adjustableQuantityHint')}
            defaultChecked={v.adjustableQuantity}
          />
          <Toggle
            name="collectTaxId"
            label={t('questions.collectTaxId')}
            hint={t('questions.collectTaxIdHint')}
            defaultChecked={v.collectTaxId}
          />
        </div>
      </fieldset>
      {state && !state.ok && !state.fieldErrors ? (
        <Alert tone="danger">{state.message}</Alert>
      ) : null}
      {props.canManage ? (
        <div>
          <Button type="submit" disabled={pending}>
            {pending ? t('saving') : t('save')}
          </Button>
        </div>
      ) : (
        <p className="text-sm text-muted">{t('readOnly')}</p>
      )}
    </form>
  );
}

/** Adds a shipping option in the given currency. */
export function ShippingRateForm(props: { currency: string; exponent: number }) {
  const [state, action, pending] = useActionState(createShippingRateAction, null);
  useToastResult(state);
  const formRef = useRef<HTMLFormElement>(null);
  // an added option empties the form for the next one; a refused one keeps what was typed
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  const t = useTranslations('checkoutSettings.shipping');
  return (
    <form
      ref={formRef}
      action={action}
      onSubmit={keepValues(action)}
      noValidate
      className="grid gap-4 sm:grid-cols-[2fr_1fr_1fr] sm:items-start"
    >
      <input type="hidden" name="currency" value={props.currency} />
      <input type="hidden" name="exponent" value={props.exponent} />
      <Field id="rate-name" label={t('name')} error={errors?.name} className="sm:col-span-3">
        <Input name="name" placeholder={t('namePlaceholder')} maxLength={200} />
      </Field>
      <Field
        id="rate-amount"
        label={t('price', { currency: props.currency })}
        error={errors?.amount}
      >
        <Input name="amount" inputMode="decimal" placeholder="4.90" />
      </Field>
      <Field
        id="rate-free"
        label={t('freeAbove', { currency: props.currency })}
        aside={t('optional')}
        error={errors?.freeAbove}
      >
        <Input name="freeAbove" inputMode="decimal" placeholder="50.00" />
      </Field>
      <div className="grid grid-cols-2 gap-2">
        <Field
          id="rate-min"
          label={t('minDays')}
          aside={t('optionalShort')}
          error={errors?.minDeliveryDays}
        >
          <Input name="minDeliveryDays" inputMode="numeric" placeholder="2" />
        </Field>
        <Field
          id="rate-max"
          label={t('maxDays')}
          aside={t('optionalShort')}
          error={errors?.maxDeliveryDays}
        >
          <Input name="maxDeliveryDays" inputMode="numeric" placeholder="4" />
        </Field>
      </div>
      {state && !state.ok && !state.fieldErrors ? (
        <Alert tone="danger" className="sm:col-span-3">
          {state.message}
        </Alert>
      ) : null}
      <div className="sm:col-span-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? t('adding') : t('add')}
        </Button>
      </div>
    </form>
  );
}

export function RemoveShippingRateButton(props: { id: string; name: string }) {
  const [remove, removing] = useActionToast(() => deactivateShippingRateAction(props.id));
  const t = useTranslations('checkoutSettings.shipping');
  return (
    <ConfirmButton
      title={t('removeTitle', { name: props.name })}
      description={t('removeDescription')}
      confirmLabel={t('removeConfirm')}
      confirmVariant="danger"
      disabled={removing}
      onConfirm={remove}
    >
      {t('remove')}
    </ConfirmButton>
  );
}
