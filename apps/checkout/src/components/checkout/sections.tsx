import { Alert, Button, Field, Input, Select } from '@prood/ui';
import { formatMoney } from '@prood/ui/format';
import type { CheckoutBranding, CheckoutPageOrder } from '@prood/validators';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import {
  applyCouponAction,
  chooseShippingAction,
  removeCouponAction,
  saveAddressAction,
  saveContactAction,
} from '../../app/c/[id]/actions';
import { LocalTime } from './local-time';
import { SubmitButton } from './submit-button';

/** A message chosen by a code from the URL: only codes we own are shown, never the URL's text. */
export interface PageMessage {
  section: string | null;
  error: string | null;
  notice: string | null;
}

export async function SectionMessage({
  message,
  section,
}: {
  message: PageMessage;
  section: string;
}) {
  const t = await getTranslations();
  if (message.section === section && message.error && t.has(`errors.${message.error}`)) {
    return (
      <Alert tone="danger" className="mt-3" data-testid={`${section}-error`}>
        {t(`errors.${message.error}` as 'errors.unknown')}
      </Alert>
    );
  }
  return null;
}

/** The error of one field, when the code belongs to it. */
async function fieldError(message: PageMessage, section: string, codes: string[]) {
  const t = await getTranslations('errors');
  if (message.section !== section || !message.error || !codes.includes(message.error))
    return undefined;
  return t(message.error as 'unknown');
}

function Section(props: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={props.id} aria-labelledby={`${props.id}-title`} className="scroll-mt-6">
      <h2 id={`${props.id}-title`} className="mb-3 text-base font-semibold">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

export async function ContactSection(props: {
  id: string;
  order: CheckoutPageOrder;
  branding: CheckoutBranding;
  editable: boolean;
  message: PageMessage;
}) {
  const t = await getTranslations('contact');
  const common = await getTranslations('common');
  const customer = props.order.order.customer;
  const emailError = await fieldError(props.message, 'contact', [
    'email_invalid',
    'validation_error',
  ]);
  return (
    <Section id="contact" title={t('title')}>
      <form action={saveContactAction.bind(null, props.id)} className="flex flex-col gap-4">
        <Field id="email" label={t('email')} hint={t('emailHint')} error={emailError}>
          <Input
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={customer.email}
            readOnly={!props.editable}
          />
        </Field>
        {props.branding.collectPhone ? (
          <Field id="phone" label={t('phone')} aside={common('optional')}>
            <Input
              name="phone"
              type="tel"
              autoComplete="tel"
              defaultValue={customer.phone ?? ''}
              readOnly={!props.editable}
            />
          </Field>
        ) : null}
        {props.editable ? (
          <div>
            <SubmitButton variant="secondary" pendingLabel={t('save')}>
              {t('save')}
            </SubmitButton>
          </div>
        ) : null}
      </form>
      {emailError ? null : <SectionMessage message={props.message} section="contact" />}
    </Section>
  );
}

export async function AddressSection(props: {
  id: string;
  order: CheckoutPageOrder;
  branding: CheckoutBranding;
  editable: boolean;
  message: PageMessage;
}) {
  const t = await getTranslations('address');
  const common = await getTranslations('common');
  const locale = await getLocale();
  const customer = props.order.order.customer;
  const address = customer.address;
  const names = new Intl.DisplayNames([locale], { type: 'region' });
  const countries = [
    ...new Set([
      ...props.branding.shippingCountries,
      ...(props.branding.shippingCountries.length === 0 && address ? [address.country] : []),
    ]),
  ]
    .map((code) => ({ code, name: names.of(code) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
  const postalError = await fieldError(props.message, 'address', ['postal_code_invalid']);
  const countryError = await fieldError(props.message, 'address', ['country_not_shipped']);
  const ro = !props.editable;
  return (
    <Section id="address" title={t('title')}>
      <form action={saveAddressAction.bind(null, props.id)} className="grid grid-cols-2 gap-4">
        <Field id="name" label={t('name')} className="col-span-2">
          <Input
            name="name"
            autoComplete="shipping name"
            required
            defaultValue={customer.name}
            readOnly={ro}
          />
        </Field>
        <Field id="country" label={t('country')} error={countryError} className="col-span-2">
          <Select
            name="country"
            autoComplete="shipping country"
            defaultValue={address?.country}
            disabled={ro}
          >
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        {(
          [
            ['line1', 'address-line1', address?.line1, 'col-span-2', true, undefined],
            ['line2', 'address-line2', address?.line2, 'col-span-2', false, undefined],
            ['postalCode', 'postal-code', address?.postalCode, 'col-span-1', true, postalError],
            ['city', 'address-level2', address?.city, 'col-span-1', true, undefined],
          ] as const
        ).map(([name, autoComplete, value, span, required, error]) => (
          <Field
            key={name}
            id={name}
            label={t(name)}
            aside={required ? undefined : common('optional')}
            error={error}
            className={span}
          >
            <Input
              name={name}
              autoComplete={`shipping ${autoComplete}`}
              required={required}
              defaultValue={value ?? ''}
              readOnly={ro}
            />
          </Field>
        ))}
        {props.branding.collectTaxId ? (
          <fieldset className="col-span-2 flex flex-col gap-3">
            <legend className="sr-only">{t('business')}</legend>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="business"
                defaultChecked={Boolean(customer.taxId)}
                disabled={ro}
                className="size-4 accent-accent"
              />
              {t('business')}
            </label>
            <Field id="taxId" label={t('taxId')} aside={common('optional')}>
              <Input name="taxId" defaultValue={customer.taxId ?? ''} readOnly={ro} />
            </Field>
          </fieldset>
        ) : null}
        {props.editable ? (
          <div className="col-span-2">
            <SubmitButton variant="secondary" pendingLabel={t('save')}>
              {t('save')}
            </SubmitButton>
          </div>
        ) : null}
      </form>
      {postalError || countryError ? null : (
        <SectionMessage message={props.message} section="address" />
      )}
    </Section>
  );
}

export async function PickupSection(props: { merchant: string; appointmentAt: Date | null }) {
  const t = await getTranslations('pickup');
  const locale = await getLocale();
  return (
    <Section id="pickup" title={t('title')}>
      <p className="text-sm">{t('body', { merchant: props.merchant })}</p>
      {props.appointmentAt ? (
        <p className="mt-2 text-sm">
          {t('appointment')}: <LocalTime iso={props.appointmentAt.toISOString()} locale={locale} />
        </p>
      ) : null}
    </Section>
  );
}

export async function DigitalSection() {
  const t = await getTranslations('digital');
  return (
    <Section id="delivery" title={t('title')}>
      <p className="text-sm">{t('body')}</p>
    </Section>
  );
}

export async function ShippingSection(props: {
  id: string;
  order: CheckoutPageOrder;
  editable: boolean;
  message: PageMessage;
}) {
  const t = await getTranslations('shipping');
  const summary = await getTranslations('summary');
  const locale = await getLocale();
  const money = (a: number) => formatMoney(a, props.order.order.currency, locale);
  const options = props.order.shippingOptions;
  return (
    <Section id="shipping" title={t('title')}>
      {options.length === 0 ? (
        <p className="text-sm text-muted">{t('none')}</p>
      ) : (
        <form action={chooseShippingAction.bind(null, props.id)} className="flex flex-col gap-3">
          <fieldset className="overflow-hidden rounded-ui border border-border">
            <legend className="sr-only">{t('title')}</legend>
            {options.map((option) => {
              const estimate =
                option.minDeliveryDays !== null && option.maxDeliveryDays !== null
                  ? option.minDeliveryDays === option.maxDeliveryDays
                    ? t('estimateExact', { days: option.maxDeliveryDays })
                    : t('estimate', { min: option.minDeliveryDays, max: option.maxDeliveryDays })
                  : null;
              return (
                <label
                  key={option.id}
                  className="flex cursor-pointer items-start gap-3 border-b border-border px-4 py-3 last:border-b-0 has-[:checked]:bg-subtle"
                >
                  <input
                    type="radio"
                    name="shippingRateId"
                    value={option.id}
                    required
                    defaultChecked={props.order.order.shippingRateId === option.id}
                    disabled={!props.editable}
                    className="mt-1 size-4 accent-accent"
                  />
                  <span className="flex-1">
                    <span className="block text-sm font-medium">{option.name}</span>
                    {estimate ? <span className="block text-sm text-muted">{estimate}</span> : null}
                    {option.freeAbove !== null && option.amount > 0 ? (
                      <span className="block text-xs text-muted">
                        {t('freeAbove', { amount: money(option.freeAbove) })}
                      </span>
                    ) : null}
                  </span>
                  <span className="text-sm font-medium tabular-nums">
                    {option.amount === 0 ? summary('shippingFree') : money(option.amount)}
                  </span>
                </label>
              );
            })}
          </fieldset>
          {props.editable ? (
            <div>
              <SubmitButton variant="secondary" pendingLabel={t('choose')}>
                {t('choose')}
              </SubmitButton>
            </div>
          ) : null}
        </form>
      )}
      <SectionMessage message={props.message} section="shipping" />
    </Section>
  );
}

export async function CouponSection(props: {
  id: string;
  couponCode: string | null;
  editable: boolean;
  message: PageMessage;
}) {
  const t = await getTranslations('coupon');
  const error = await fieldError(props.message, 'coupon', [
    'coupon_not_found',
    'coupon_expired',
    'coupon_inactive',
    'coupon_exhausted',
    'coupon_minimum_not_met',
    'coupon_already_used',
    'coupon_currency_mismatch',
  ]);
  return (
    <Section id="coupon" title={t('title')}>
      {props.couponCode ? (
        <form action={removeCouponAction.bind(null, props.id)} className="flex items-center gap-3">
          <span className="rounded-ui border border-border bg-subtle px-2 py-1 font-mono text-sm">
            {props.couponCode}
          </span>
          {props.editable ? (
            <Button type="submit" variant="link" size="sm">
              {t('remove', { code: props.couponCode })}
            </Button>
          ) : null}
        </form>
      ) : props.editable ? (
        <form action={applyCouponAction.bind(null, props.id)} className="flex items-end gap-2">
          <Field id="coupon-code" label={t('label')} error={error} className="flex-1">
            <Input name="code" autoComplete="off" autoCapitalize="characters" spellCheck={false} />
          </Field>
          <div className={error ? 'mb-7' : undefined}>
            <SubmitButton variant="secondary" pendingLabel={t('apply')}>
              {t('apply')}
            </SubmitButton>
          </div>
        </form>
      ) : null}
      {error ? null : <SectionMessage message={props.message} section="coupon" />}
    </Section>
  );
}
