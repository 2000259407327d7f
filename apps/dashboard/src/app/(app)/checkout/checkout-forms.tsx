'use client';

import type { AppRouter } from '@prood/api/trpc';
import { Alert, Button, ConfirmButton, Field, Input, Select, toast } from '@prood/ui';
import type { inferRouterOutputs } from '@trpc/server';
import { useActionState, useEffect, useRef } from 'react';
import { keepValues } from '../../../components/keep-values';
import { useActionToast } from '../../../components/use-action';
import type { ActionResult } from '../../../server/action-result';
import {
  createShippingRateAction,
  deactivateShippingRateAction,
  saveCheckoutSettingsAction,
} from '../../../server/checkout-settings-actions';

const LANGUAGES = [
  ['en', 'English'],
  ['de', 'Deutsch'],
  ['fr', 'Français'],
  ['es', 'Español'],
  ['nl', 'Nederlands'],
  ['pt', 'Português'],
] as const;

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
  return (
    <form action={action} onSubmit={keepValues(action)} noValidate className="flex flex-col gap-6">
      <fieldset disabled={!props.canManage} className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">Branding</legend>
        <Field
          id="displayName"
          label="Name shown to shoppers"
          hint={`Empty: ${props.organizationName}`}
          error={errors?.displayName}
        >
          <Input name="displayName" defaultValue={v.displayName ?? ''} maxLength={200} />
        </Field>
        <Field
          id="accentColor"
          label="Accent colour"
          hint="#rrggbb; white button text must stay readable on it (WCAG AA)."
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
          label="Logo URL"
          hint="An https image, shown at the top of the page."
          error={errors?.logoUrl}
          className="sm:col-span-2"
        >
          <Input name="logoUrl" type="url" defaultValue={v.logoUrl ?? ''} placeholder="https://…" />
        </Field>
        <Field
          id="defaultLocale"
          label="Default language"
          hint="Used when the shopper’s browser asks for none of these."
          error={errors?.defaultLocale}
        >
          <Select name="defaultLocale" defaultValue={v.defaultLocale}>
            {LANGUAGES.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          id="stripeFlow"
          label="Stripe payments"
          hint="Only for orders paid through Stripe."
          error={errors?.stripeFlow}
        >
          <Select name="stripeFlow" defaultValue={v.stripeFlow}>
            <option value="embedded">On the checkout page (Payment Element)</option>
            <option value="hosted">On Stripe’s hosted page</option>
          </Select>
        </Field>
      </fieldset>
      <fieldset disabled={!props.canManage} className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-sm font-semibold">What the page asks</legend>
        <Field
          id="shippingCountries"
          label="Shipping countries"
          hint="Two-letter codes, e.g. DE, NL, FR. Empty: no address form."
          error={errors?.shippingCountries}
          className="sm:col-span-2"
        >
          <Input name="shippingCountries" defaultValue={v.shippingCountries.join(', ')} />
        </Field>
        <Field
          id="termsUrl"
          label="Terms of service URL"
          hint="When set, shoppers accept the terms before paying."
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
            label="Ask for a phone number"
            hint="Optional for the shopper."
            defaultChecked={v.collectPhone}
          />
          <Toggle
            name="adjustableQuantity"
            label="Let shoppers change quantities"
            hint="The API reprices the order on every change."
            defaultChecked={v.adjustableQuantity}
          />
          <Toggle
            name="collectTaxId"
            label="Offer “purchasing as a business” with a tax id"
            hint="The tax id goes on the order."
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
            {pending ? 'Saving…' : 'Save checkout settings'}
          </Button>
        </div>
      ) : (
        <p className="text-sm text-muted">Owners and admins change these settings.</p>
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
      <Field id="rate-name" label="Name" error={errors?.name} className="sm:col-span-3">
        <Input name="name" placeholder="Standard delivery" maxLength={200} />
      </Field>
      <Field id="rate-amount" label={`Price (${props.currency})`} error={errors?.amount}>
        <Input name="amount" inputMode="decimal" placeholder="4.90" />
      </Field>
      <Field
        id="rate-free"
        label={`Free from (${props.currency})`}
        aside="optional"
        error={errors?.freeAbove}
      >
        <Input name="freeAbove" inputMode="decimal" placeholder="50.00" />
      </Field>
      <div className="grid grid-cols-2 gap-2">
        <Field id="rate-min" label="Days from" aside="opt." error={errors?.minDeliveryDays}>
          <Input name="minDeliveryDays" inputMode="numeric" placeholder="2" />
        </Field>
        <Field id="rate-max" label="to" aside="opt." error={errors?.maxDeliveryDays}>
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
          {pending ? 'Adding…' : 'Add shipping option'}
        </Button>
      </div>
    </form>
  );
}

export function RemoveShippingRateButton(props: { id: string; name: string }) {
  const [remove, removing] = useActionToast(() => deactivateShippingRateAction(props.id));
  return (
    <ConfirmButton
      title={`Remove “${props.name}”?`}
      description="Shoppers no longer see it. Orders that chose it keep it."
      confirmLabel="Remove option"
      confirmVariant="danger"
      disabled={removing}
      onConfirm={remove}
    >
      Remove
    </ConfirmButton>
  );
}
