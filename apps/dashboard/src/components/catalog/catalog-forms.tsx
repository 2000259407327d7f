'use client';

import { Alert, Button, ConfirmButton, Field, Input, Select } from '@prood/ui';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
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
import { CURRENCIES, FULFILLMENT_METHODS, type FulfillmentMethod } from './catalog-labels';

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

/**
 * The end of every catalog form: a refused save without field errors says why in one line,
 * then the submit button, which names what it is doing while the save runs.
 */
function FormFooter(props: {
  state: ActionResult | null;
  pending: boolean;
  label: string;
  pendingLabel: string;
  variant?: 'primary' | 'secondary';
}) {
  const { state } = props;
  return (
    <>
      {state && !state.ok && !state.fieldErrors ? (
        <Alert tone="danger">{state.message}</Alert>
      ) : null}
      <div>
        <Button type="submit" variant={props.variant ?? 'primary'} disabled={props.pending}>
          {props.pending ? props.pendingLabel : props.label}
        </Button>
      </div>
    </>
  );
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
  const t = useTranslations('catalog');
  const [recurring, setRecurring] = useState(false);
  const errors = props.errors;
  return (
    <div className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-[8rem_1fr]">
        <Field id="price-currency" label={t('priceFields.currency')} error={errors?.currency}>
          <CurrencySelect defaultValue={props.currency} />
        </Field>
        <Field
          id="price-amount"
          label={t('priceFields.amount')}
          hint={t('priceFields.amountHint')}
          error={errors?.amount}
        >
          <Input name="amount" inputMode="decimal" placeholder="12.50" maxLength={20} />
        </Field>
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t('priceFields.billing')}</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          <Choice
            type="radio"
            name="type"
            value="one_time"
            label={t('priceFields.oneOff')}
            defaultChecked
            onChange={() => setRecurring(false)}
          />
          <Choice
            type="radio"
            name="type"
            value="recurring"
            label={t('priceFields.recurring')}
            onChange={() => setRecurring(true)}
          />
        </div>
      </fieldset>
      {recurring ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="price-interval-count"
            label={t('priceFields.every')}
            error={errors?.recurringIntervalCount}
          >
            <Input name="recurringIntervalCount" inputMode="numeric" defaultValue="1" />
          </Field>
          <Field
            id="price-interval"
            label={t('priceFields.period')}
            error={errors?.recurringInterval}
          >
            <Select name="recurringInterval" defaultValue="month">
              {(['day', 'week', 'month', 'year'] as const).map((period) => (
                <option key={period} value={period}>
                  {t(`priceFields.periods.${period}`)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      ) : null}
      <Field id="price-tax" label={t('priceFields.tax')} error={errors?.taxBehavior}>
        <Select name="taxBehavior" defaultValue="exclusive">
          <option value="exclusive">{t('priceFields.taxExclusive')}</option>
          <option value="inclusive">{t('priceFields.taxInclusive')}</option>
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
  const t = useTranslations('catalog');
  const v = props.values;
  const errors = props.errors;
  const [tracked, setTracked] = useState(v?.trackStock ?? false);
  const methods = v?.fulfillmentMethods ?? ['shipping', 'local_delivery', 'pickup'];
  return (
    <div className="flex flex-col gap-4">
      <Field id="product-name" label={t('productFields.name')} error={errors?.name}>
        <Input name="name" defaultValue={v?.name ?? ''} maxLength={200} />
      </Field>
      <Field
        id="product-description"
        label={t('productFields.description')}
        aside={t('optional')}
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
        label={t('productFields.imageUrl')}
        aside={t('optional')}
        hint={t('productFields.imageUrlHint')}
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
        <legend className="mb-1 text-sm font-medium">{t('productFields.delivery')}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {FULFILLMENT_METHODS.map((method) => (
            <Choice
              key={method}
              type="checkbox"
              name="fulfillmentMethods"
              value={method}
              label={t(`fulfillment.${method}.label`)}
              hint={t(`fulfillment.${method}.hint`)}
              defaultChecked={methods.includes(method)}
            />
          ))}
        </div>
        <FieldError id="fulfillment-error" error={errors?.fulfillmentMethods} />
      </fieldset>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t('productFields.stock')}</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          <Choice
            type="radio"
            name="stockMode"
            value="unlimited"
            label={t('productFields.unlimited')}
            defaultChecked={!tracked}
            onChange={() => setTracked(false)}
          />
          <Choice
            type="radio"
            name="stockMode"
            value="tracked"
            label={t('productFields.countStock')}
            defaultChecked={tracked}
            onChange={() => setTracked(true)}
          />
        </div>
        {tracked ? (
          <Field
            id="product-stock"
            label={t('productFields.unitsInStock')}
            hint={t('productFields.unitsInStockHint')}
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
  const t = useTranslations('catalog');
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
        <legend className="sr-only">{t('createProduct.priceHeading')}</legend>
        <h2 className="text-base font-semibold">{t('createProduct.priceHeading')}</h2>
        <PriceFields currency={props.currency} errors={errors} />
      </fieldset>
      <Choice
        type="checkbox"
        name="active"
        value="archived"
        label={t('createProduct.keepArchived')}
        hint={t('createProduct.keepArchivedHint')}
      />
      <FormFooter
        state={state}
        pending={pending}
        label={t('createProduct.submit')}
        pendingLabel={t('createProduct.pending')}
      />
    </form>
  );
}

/** Edits a product's own fields on its page. */
export function EditProductForm(props: { id: string; values: ProductValues }) {
  const t = useTranslations('catalog');
  const [state, action, pending] = useActionState(updateProductAction.bind(null, props.id), null);
  useToastResult(state);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  return (
    <form action={action} onSubmit={keepValues(action)} noValidate className="flex flex-col gap-6">
      <ProductFields values={props.values} errors={errors} />
      <FormFooter
        state={state}
        pending={pending}
        label={t('editProduct.submit')}
        pendingLabel={t('editProduct.pending')}
      />
    </form>
  );
}

/** Archive (with a confirmation) or put back on sale. */
export function ProductActiveToggle(props: { id: string; name: string; active: boolean }) {
  const t = useTranslations('catalog');
  const router = useRouter();
  const [run, pending] = useActionToast(
    () => setProductActiveAction(props.id, !props.active),
    () => router.refresh(),
  );
  return props.active ? (
    <ConfirmButton
      title={t('productActive.archiveTitle', { name: props.name })}
      description={t('productActive.archiveDescription')}
      confirmLabel={t('productActive.archive')}
      onConfirm={run}
      disabled={pending}
    >
      {t('productActive.archive')}
    </ConfirmButton>
  ) : (
    <Button type="button" variant="secondary" size="sm" onClick={run} disabled={pending}>
      {t('productActive.putOnSale')}
    </Button>
  );
}

export function AddPriceForm(props: { productId: string; currency: string }) {
  const t = useTranslations('catalog');
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
      <FormFooter
        state={state}
        pending={pending}
        label={t('addPrice.submit')}
        pendingLabel={t('addPrice.pending')}
        variant="secondary"
      />
    </form>
  );
}

export function ArchivePriceButton(props: { id: string; label: string }) {
  const t = useTranslations('catalog');
  return (
    <ConfirmedAction
      run={() => archivePriceAction(props.id)}
      title={t('archivePrice.title', { label: props.label })}
      description={t('archivePrice.description')}
      confirmLabel={t('archivePrice.confirm')}
      variant="ghost"
    >
      {t('archivePrice.button')}
    </ConfirmedAction>
  );
}

/** `/coupons`: a percentage or a fixed amount, with its limits. */
export function CreateCouponForm(props: { currency: string }) {
  const t = useTranslations('catalog');
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
        label={t('couponForm.code')}
        hint={t('couponForm.codeHint')}
        error={errors?.code}
      >
        <Input name="code" maxLength={64} autoCapitalize="characters" />
      </Field>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t('couponForm.discount')}</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          <Choice
            type="radio"
            name="kind"
            value="percent"
            label={t('couponForm.percentage')}
            defaultChecked
            onChange={() => setKind('percent')}
          />
          <Choice
            type="radio"
            name="kind"
            value="fixed"
            label={t('couponForm.fixedAmount')}
            onChange={() => setKind('fixed')}
          />
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
        {kind === 'percent' ? (
          <Field
            id="coupon-percent"
            label={t('couponForm.percentOff')}
            hint={t('couponForm.percentOffHint')}
            error={errors?.percentOff}
          >
            <Input name="percentOff" inputMode="decimal" maxLength={6} />
          </Field>
        ) : (
          <Field
            id="coupon-amount"
            label={t('couponForm.amountOff')}
            hint={t('couponForm.amountOffHint')}
            error={errors?.amountOff}
          >
            <Input name="amountOff" inputMode="decimal" maxLength={20} />
          </Field>
        )}
        <Field
          id="coupon-currency"
          label={t('couponForm.currency')}
          hint={kind === 'percent' ? t('couponForm.currencyHintPercent') : undefined}
          error={errors?.currency}
        >
          <CurrencySelect defaultValue={props.currency} />
        </Field>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field
          id="coupon-minimum"
          label={t('couponForm.minimum')}
          aside={t('optional')}
          error={errors?.minOrderAmount}
        >
          <Input name="minOrderAmount" inputMode="decimal" maxLength={20} placeholder="50.00" />
        </Field>
        <Field
          id="coupon-max-uses"
          label={t('couponForm.maxUses')}
          aside={t('optional')}
          error={errors?.maxUses}
        >
          <Input name="maxUses" inputMode="numeric" maxLength={9} />
        </Field>
        <Field
          id="coupon-expires"
          label={t('couponForm.expires')}
          aside={t('optional')}
          error={errors?.expiresAt}
        >
          <Input name="expiresAt" type="date" />
        </Field>
      </div>
      <Choice
        type="checkbox"
        name="oncePerCustomer"
        value="on"
        label={t('couponForm.oncePerCustomer')}
        hint={t('couponForm.oncePerCustomerHint')}
      />
      <FormFooter
        state={state}
        pending={pending}
        label={t('couponForm.submit')}
        pendingLabel={t('couponForm.pending')}
      />
    </form>
  );
}

export function DeactivateCouponButton(props: { id: string; code: string }) {
  const t = useTranslations('catalog');
  return (
    <ConfirmedAction
      run={() => deactivateCouponAction(props.id)}
      title={t('deactivateCoupon.title', { code: props.code })}
      description={t('deactivateCoupon.description')}
      confirmLabel={t('deactivateCoupon.confirm')}
    >
      {t('deactivateCoupon.button')}
    </ConfirmedAction>
  );
}

export function CreateTaxRateForm() {
  const t = useTranslations('catalog');
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
        <Field
          id="tax-name"
          label={t('taxRateForm.name')}
          hint={t('taxRateForm.nameHint')}
          error={errors?.name}
        >
          <Input name="name" maxLength={100} />
        </Field>
        <Field
          id="tax-country"
          label={t('taxRateForm.country')}
          hint={t('taxRateForm.countryHint')}
          error={errors?.country}
        >
          <Input name="country" maxLength={2} autoCapitalize="characters" />
        </Field>
        <Field
          id="tax-rate"
          label={t('taxRateForm.rate')}
          hint={t('taxRateForm.rateHint')}
          error={errors?.rate}
        >
          <Input name="rate" inputMode="decimal" maxLength={6} />
        </Field>
      </div>
      <Field id="tax-inclusive" label={t('taxRateForm.prices')} error={errors?.inclusive}>
        <Select name="inclusive" defaultValue="exclusive">
          <option value="exclusive">{t('taxRateForm.exclusive')}</option>
          <option value="inclusive">{t('taxRateForm.inclusive')}</option>
        </Select>
      </Field>
      <FormFooter
        state={state}
        pending={pending}
        label={t('taxRateForm.submit')}
        pendingLabel={t('taxRateForm.pending')}
      />
    </form>
  );
}

export function DeactivateTaxRateButton(props: { id: string; name: string }) {
  const t = useTranslations('catalog');
  return (
    <ConfirmedAction
      run={() => deactivateTaxRateAction(props.id)}
      title={t('deactivateTaxRate.title', { name: props.name })}
      description={t('deactivateTaxRate.description')}
      confirmLabel={t('deactivateTaxRate.confirm')}
    >
      {t('deactivateTaxRate.button')}
    </ConfirmedAction>
  );
}
