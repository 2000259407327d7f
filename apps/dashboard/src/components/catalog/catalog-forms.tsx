'use client';

import { Alert, Button, ConfirmButton, Field, Input, Select } from '@prood/ui';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useState } from 'react';
import type { ActionResult } from '../../server/action-result';
import {
  addPriceAction,
  archivePriceAction,
  createCouponAction,
  createProductAction,
  createTaxRateAction,
  deactivateCouponAction,
  deactivateTaxRateAction,
  type ProductActionResult,
  setProductActiveAction,
  updateProductAction,
} from '../../server/catalog-actions';
import { keepValues } from '../keep-values';
import { useActionToast, useToastResult } from '../use-action';
import { CURRENCIES, FULFILLMENT_LABELS, type FulfillmentMethod } from './catalog-labels';

/**
 * A form that adds one thing and empties itself for the next; a refused one keeps what was
 * typed. Toasts the result and hands out the field errors.
 */
function useAddForm(run: (previous: ActionResult | null, form: FormData) => Promise<ActionResult>) {
  const [state, action, pending] = useActionState(run, null);
  useToastResult(state);
  const [formKey, setFormKey] = useState(0);
  useEffect(() => {
    if (state?.ok) setFormKey((k) => k + 1);
  }, [state]);
  return { state, action, pending, formKey, errors: state?.ok ? undefined : state?.fieldErrors };
}

/** A button that confirms, runs one destructive action, toasts and refreshes the page. */
function ConfirmedAction(props: {
  run: () => Promise<ActionResult>;
  title: string;
  description: string;
  confirmLabel: string;
  children: string;
  variant?: 'ghost' | 'secondary';
}) {
  const router = useRouter();
  const [run, pending] = useActionToast(props.run, () => router.refresh());
  return (
    <ConfirmButton
      title={props.title}
      description={props.description}
      confirmLabel={props.confirmLabel}
      onConfirm={run}
      disabled={pending}
      variant={props.variant ?? 'secondary'}
    >
      {props.children}
    </ConfirmButton>
  );
}

/** A refused save without field errors says why in one line under the form. */
function FormAlert(props: { state: ActionResult | null }) {
  const { state } = props;
  return state && !state.ok && !state.fieldErrors ? (
    <Alert tone="danger">{state.message}</Alert>
  ) : null;
}

function Choice(props: {
  type: 'radio' | 'checkbox';
  name: string;
  value: string;
  label: string;
  hint?: string;
  defaultChecked?: boolean;
  onChange?: () => void;
}) {
  return (
    <label className="flex items-start gap-3 text-sm">
      <input
        type={props.type}
        name={props.name}
        value={props.value}
        defaultChecked={props.defaultChecked}
        onChange={props.onChange}
        className="mt-0.5 size-4 shrink-0 accent-[var(--color-accent)]"
      />
      <span>
        <span className="font-medium">{props.label}</span>
        {props.hint ? <span className="block text-muted">{props.hint}</span> : null}
      </span>
    </label>
  );
}

function FieldError(props: { id: string; error: string | undefined }) {
  return props.error ? (
    <p id={props.id} className="text-sm text-danger">
      {props.error}
    </p>
  ) : null;
}

/** The currency picker; `Field` hands it the id and aria attributes, passed on to the select. */
export function CurrencySelect(props: {
  name?: string;
  defaultValue: string;
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}) {
  const { name, defaultValue, ...aria } = props;
  const options = CURRENCIES.includes(defaultValue) ? CURRENCIES : [defaultValue, ...CURRENCIES];
  return (
    <Select name={name ?? 'currency'} defaultValue={defaultValue} {...aria}>
      {options.map((code) => (
        <option key={code} value={code}>
          {code}
        </option>
      ))}
    </Select>
  );
}

/** Currency, amount, one-off or recurring: the fields of a new price. */
function PriceFields(props: { currency: string; errors: Record<string, string> | undefined }) {
  const [recurring, setRecurring] = useState(false);
  const errors = props.errors;
  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-[8rem_1fr]">
        <Field id="price-currency" label="Currency" error={errors?.currency}>
          <CurrencySelect defaultValue={props.currency} />
        </Field>
        <Field
          id="price-amount"
          label="Amount"
          hint="In the currency’s usual unit, e.g. 12.50 (JPY: whole yen)."
          error={errors?.amount}
        >
          <Input name="amount" inputMode="decimal" placeholder="12.50" maxLength={20} />
        </Field>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Billing</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          <Choice
            type="radio"
            name="type"
            value="one_time"
            label="One-off"
            defaultChecked
            onChange={() => setRecurring(false)}
          />
          <Choice
            type="radio"
            name="type"
            value="recurring"
            label="Recurring"
            onChange={() => setRecurring(true)}
          />
        </div>
      </fieldset>
      {recurring ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="price-interval-count" label="Every" error={errors?.recurringIntervalCount}>
            <Input name="recurringIntervalCount" inputMode="numeric" defaultValue="1" />
          </Field>
          <Field id="price-interval" label="Period" error={errors?.recurringInterval}>
            <Select name="recurringInterval" defaultValue="month">
              <option value="day">day(s)</option>
              <option value="week">week(s)</option>
              <option value="month">month(s)</option>
              <option value="year">year(s)</option>
            </Select>
          </Field>
        </div>
      ) : null}
      <Field id="price-tax" label="Tax" error={errors?.taxBehavior}>
        <Select name="taxBehavior" defaultValue="exclusive">
          <option value="exclusive">Tax is added to the amount</option>
          <option value="inclusive">The amount includes tax</option>
        </Select>
      </Field>
    </div>
  );
}

export interface ProductValues {
  name: string;
  description: string | null;
  imageUrl: string | null;
  fulfillmentMethods: FulfillmentMethod[];
  trackStock: boolean;
  stock: number | null;
}

/** Name, description, picture, delivery and stock of a product. */
function ProductFields(props: {
  values: ProductValues | null;
  errors: Record<string, string> | undefined;
}) {
  const v = props.values;
  const errors = props.errors;
  const [tracked, setTracked] = useState(v?.trackStock ?? false);
  const methods = v?.fulfillmentMethods ?? ['shipping', 'local_delivery', 'pickup'];
  return (
    <div className="flex flex-col gap-4">
      <Field id="product-name" label="Name" error={errors?.name}>
        <Input name="name" defaultValue={v?.name ?? ''} maxLength={200} />
      </Field>
      <Field
        id="product-description"
        label="Description"
        aside="optional"
        error={errors?.description}
      >
        <textarea
          name="description"
          defaultValue={v?.description ?? ''}
          maxLength={2000}
          rows={3}
          className="rounded-ui border border-border bg-surface px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-ring"
        />
      </Field>
      <Field
        id="product-image"
        label="Image URL"
        aside="optional"
        hint="An https:// address of the product’s picture."
        error={errors?.imageUrl}
      >
        <Input
          name="imageUrl"
          type="url"
          defaultValue={v?.imageUrl ?? ''}
          placeholder="https://shop.example/mug.png"
          maxLength={2048}
        />
      </Field>
      <fieldset
        className="flex flex-col gap-2"
        aria-describedby={errors?.fulfillmentMethods ? 'fulfillment-error' : undefined}
      >
        <legend className="mb-1 text-sm font-medium">Delivery</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {(Object.keys(FULFILLMENT_LABELS) as FulfillmentMethod[]).map((method) => (
            <Choice
              key={method}
              type="checkbox"
              name="fulfillmentMethods"
              value={method}
              label={FULFILLMENT_LABELS[method].label}
              hint={FULFILLMENT_LABELS[method].hint}
              defaultChecked={methods.includes(method)}
            />
          ))}
        </div>
        <FieldError id="fulfillment-error" error={errors?.fulfillmentMethods} />
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Stock</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          <Choice
            type="radio"
            name="stockMode"
            value="unlimited"
            label="Unlimited"
            defaultChecked={!tracked}
            onChange={() => setTracked(false)}
          />
          <Choice
            type="radio"
            name="stockMode"
            value="tracked"
            label="Count stock"
            defaultChecked={tracked}
            onChange={() => setTracked(true)}
          />
        </div>
        {tracked ? (
          <Field
            id="product-stock"
            label="Units in stock"
            hint="Sold out at 0; every paid order takes its units off."
            error={errors?.stock}
            className="max-w-xs"
          >
            <Input name="stock" inputMode="numeric" defaultValue={String(v?.stock ?? 0)} />
          </Field>
        ) : null}
      </fieldset>
    </div>
  );
}

/** `/products/new`: the product and its first price; then on to the product's page. */
export function CreateProductForm(props: { currency: string }) {
  const router = useRouter();
  const [state, action, pending] = useActionState<ProductActionResult | null, FormData>(
    createProductAction,
    null,
  );
  useToastResult(state);
  useEffect(() => {
    if (state?.ok && state.productId) router.push(`/products/${state.productId}`);
  }, [state, router]);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  return (
    <form action={action} onSubmit={keepValues(action)} noValidate className="flex flex-col gap-8">
      <ProductFields values={null} errors={errors} />
      <fieldset className="flex flex-col gap-4 border-t border-border pt-6">
        <legend className="sr-only">Price</legend>
        <h2 className="text-base font-semibold">Price</h2>
        <PriceFields currency={props.currency} errors={errors} />
      </fieldset>
      <Choice
        type="checkbox"
        name="active"
        value="archived"
        label="Keep it archived for now"
        hint="Archived products are not sold until you put them on sale."
      />
      <FormAlert state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create product'}
        </Button>
      </div>
    </form>
  );
}

/** Edits a product's own fields on its page. */
export function EditProductForm(props: { id: string; values: ProductValues }) {
  const [state, action, pending] = useActionState(updateProductAction.bind(null, props.id), null);
  useToastResult(state);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  return (
    <form action={action} onSubmit={keepValues(action)} noValidate className="flex flex-col gap-6">
      <ProductFields values={props.values} errors={errors} />
      <FormAlert state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save product'}
        </Button>
      </div>
    </form>
  );
}

/** Archive (with a confirmation) or put back on sale. */
export function ProductActiveToggle(props: { id: string; name: string; active: boolean }) {
  const router = useRouter();
  const [run, pending] = useActionToast(
    () => setProductActiveAction(props.id, !props.active),
    () => router.refresh(),
  );
  return props.active ? (
    <ConfirmButton
      title={`Archive “${props.name}”?`}
      description="Storefronts stop listing it and new orders cannot buy it. Orders already placed keep it. You can put it back on sale any time."
      confirmLabel="Archive product"
      onConfirm={run}
      disabled={pending}
    >
      Archive product
    </ConfirmButton>
  ) : (
    <Button type="button" variant="secondary" size="sm" onClick={run} disabled={pending}>
      Put on sale
    </Button>
  );
}

export function AddPriceForm(props: { productId: string; currency: string }) {
  const { state, action, pending, formKey, errors } = useAddForm(
    addPriceAction.bind(null, props.productId),
  );
  return (
    <form
      key={formKey}
      action={action}
      onSubmit={keepValues(action)}
      noValidate
      className="flex flex-col gap-4"
    >
      <PriceFields currency={props.currency} errors={errors} />
      <FormAlert state={state} />
      <div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? 'Adding…' : 'Add price'}
        </Button>
      </div>
    </form>
  );
}

export function ArchivePriceButton(props: { id: string; label: string }) {
  return (
    <ConfirmedAction
      run={() => archivePriceAction(props.id)}
      title={`Archive the price ${props.label}?`}
      description="New orders and carts cannot use it any more; orders already placed keep it. This cannot be undone: add a new price instead."
      confirmLabel="Archive price"
      variant="ghost"
    >
      Archive
    </ConfirmedAction>
  );
}

/** `/coupons`: a percentage or a fixed amount, with its limits. */
export function CreateCouponForm(props: { currency: string }) {
  const { state, action, pending, formKey, errors } = useAddForm(createCouponAction);
  const [kind, setKind] = useState<'percent' | 'fixed'>('percent');
  return (
    <form
      key={formKey}
      action={action}
      onSubmit={keepValues(action)}
      noValidate
      className="flex flex-col gap-4"
    >
      <Field
        id="coupon-code"
        label="Code"
        hint="What shoppers type, e.g. SPRING10: letters, digits, - and _."
        error={errors?.code}
      >
        <Input name="code" maxLength={64} autoCapitalize="characters" />
      </Field>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Discount</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          <Choice
            type="radio"
            name="kind"
            value="percent"
            label="Percentage"
            defaultChecked
            onChange={() => setKind('percent')}
          />
          <Choice
            type="radio"
            name="kind"
            value="fixed"
            label="Fixed amount"
            onChange={() => setKind('fixed')}
          />
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
        {kind === 'percent' ? (
          <Field
            id="coupon-percent"
            label="Percent off"
            hint="e.g. 10 or 12.5"
            error={errors?.percentOff}
          >
            <Input name="percentOff" inputMode="decimal" maxLength={6} />
          </Field>
        ) : (
          <Field id="coupon-amount" label="Amount off" hint="e.g. 5.00" error={errors?.amountOff}>
            <Input name="amountOff" inputMode="decimal" maxLength={20} />
          </Field>
        )}
        <Field
          id="coupon-currency"
          label="Currency"
          hint={kind === 'percent' ? 'Of the minimum.' : undefined}
          error={errors?.currency}
        >
          <CurrencySelect defaultValue={props.currency} />
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          id="coupon-minimum"
          label="Minimum order"
          aside="optional"
          error={errors?.minOrderAmount}
        >
          <Input name="minOrderAmount" inputMode="decimal" maxLength={20} placeholder="50.00" />
        </Field>
        <Field id="coupon-max-uses" label="Max uses" aside="optional" error={errors?.maxUses}>
          <Input name="maxUses" inputMode="numeric" maxLength={9} />
        </Field>
        <Field id="coupon-expires" label="Expires after" aside="optional" error={errors?.expiresAt}>
          <Input name="expiresAt" type="date" />
        </Field>
      </div>
      <Choice
        type="checkbox"
        name="oncePerCustomer"
        value="on"
        label="Once per customer"
        hint="A shopper (by email) can use it on one paid order."
      />
      <FormAlert state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create coupon'}
        </Button>
      </div>
    </form>
  );
}

export function DeactivateCouponButton(props: { id: string; code: string }) {
  return (
    <ConfirmedAction
      run={() => deactivateCouponAction(props.id)}
      title={`Deactivate ${props.code}?`}
      description="Shoppers can no longer use this code; orders that already used it keep their discount. This cannot be undone."
      confirmLabel="Deactivate coupon"
    >
      Deactivate
    </ConfirmedAction>
  );
}

export function CreateTaxRateForm() {
  const { state, action, pending, formKey, errors } = useAddForm(createTaxRateAction);
  return (
    <form
      key={formKey}
      action={action}
      onSubmit={keepValues(action)}
      noValidate
      className="flex flex-col gap-4"
    >
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem_8rem]">
        <Field id="tax-name" label="Name" hint="Shown on receipts, e.g. VAT." error={errors?.name}>
          <Input name="name" maxLength={100} />
        </Field>
        <Field
          id="tax-country"
          label="Country"
          hint="Two letters, e.g. DE."
          error={errors?.country}
        >
          <Input name="country" maxLength={2} autoCapitalize="characters" />
        </Field>
        <Field id="tax-rate" label="Rate (%)" hint="e.g. 19 or 7.5" error={errors?.rate}>
          <Input name="rate" inputMode="decimal" maxLength={6} />
        </Field>
      </div>
      <Field id="tax-inclusive" label="Prices" error={errors?.inclusive}>
        <Select name="inclusive" defaultValue="exclusive">
          <option value="exclusive">Tax is added on top of prices</option>
          <option value="inclusive">Prices already include this tax</option>
        </Select>
      </Field>
      <FormAlert state={state} />
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Adding…' : 'Add tax rate'}
        </Button>
      </div>
    </form>
  );
}

export function DeactivateTaxRateButton(props: { id: string; name: string }) {
  return (
    <ConfirmedAction
      run={() => deactivateTaxRateAction(props.id)}
      title={`Deactivate ${props.name}?`}
      description="New orders are no longer taxed at this rate; orders already placed keep their tax. This cannot be undone."
      confirmLabel="Deactivate tax rate"
    >
      Deactivate
    </ConfirmedAction>
  );
}
