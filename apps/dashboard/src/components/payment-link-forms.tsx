'use client';

import { Alert, Button, ConfirmButton, Field, Input, Select, toast } from '@prood/ui';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useState } from 'react';
import {
  type CreateLinkResult,
  createPaymentLinkAction,
  setPaymentLinkActiveAction,
} from '../server/payment-link-actions';
import { keepValues } from './keep-values';
import { useActionToast } from './use-action';

/** One price of the catalog, as the picker offers it ("T-shirt — €25.00"). */
export interface PriceOption {
  id: string;
  label: string;
}

/** Copies a link's URL and says so. */
export function CopyLinkButton(props: { url: string; label?: string }) {
  const t = useTranslations('links.copy');
  const [copied, setCopied] = useState(false);
  return (
    <Button
      type="button"
      size="sm"
      variant="secondary"
      data-testid="copy-link"
      data-url={props.url}
      aria-label={props.label ?? t('label')}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(props.url);
          setCopied(true);
          toast.success(t('toast'));
        } catch {
          toast.error(t('failed'));
        }
      }}
    >
      {copied ? t('copied') : t('copy')}
    </Button>
  );
}

/** Disable (with a confirmation) or, for a product link, turn it back on. */
export function LinkActiveButton(props: {
  id: string;
  active: boolean;
  kind: 'invoice' | 'product';
  paid: boolean;
}) {
  const t = useTranslations('links.active');
  const router = useRouter();
  const [toggle, pending] = useActionToast(
    () => setPaymentLinkActiveAction(props.id, !props.active),
    (result) => {
      if (result.ok) router.refresh();
    },
  );
  if (props.active) {
    if (props.kind === 'invoice' && props.paid) return null;
    return (
      <ConfirmButton
        title={t('confirmTitle')}
        description={props.kind === 'invoice' ? t('confirmInvoice') : t('confirmProduct')}
        confirmLabel={t('confirmLabel')}
        onConfirm={toggle}
        disabled={pending}
      >
        {t('disable')}
      </ConfirmButton>
    );
  }
  if (props.kind === 'invoice') return null;
  return (
    <Button type="button" size="sm" variant="secondary" onClick={toggle} disabled={pending}>
      {t('turnOn')}
    </Button>
  );
}

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'DKK', 'NOK', 'PLN', 'JPY'];

/**
 * "Create payment link": a product link (a price of the catalog, reusable) or an invoice link
 * (a fixed amount typed as a decimal, paid once). The new URL is shown with a Copy button.
 */
export function CreatePaymentLinkForm(props: { prices: PriceOption[]; defaultCurrency: string }) {
  const t = useTranslations('links.form');
  const [state, action, pending] = useActionState<CreateLinkResult | null, FormData>(
    createPaymentLinkAction,
    null,
  );
  const [kind, setKind] = useState<'product' | 'invoice'>(
    props.prices.length > 0 ? 'product' : 'invoice',
  );
  const [formKey, setFormKey] = useState(0);
  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      toast.success(state.message);
      setFormKey((k) => k + 1);
    } else toast.error(state.message);
  }, [state]);
  const errors = state?.ok ? undefined : state?.fieldErrors;
  return (
    <div className="flex flex-col gap-4">
      {state?.ok && state.url ? (
        <Alert tone="success" title={t('ready')}>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code
              data-testid="new-link-url"
              className="min-w-0 break-all rounded bg-surface px-2 py-1 font-mono text-fg"
            >
              {state.url}
            </code>
            <CopyLinkButton url={state.url} />
            {state.linkId ? (
              <a className="text-sm underline" href={`/links/${state.linkId}`}>
                {t('openPage')}
              </a>
            ) : null}
          </div>
        </Alert>
      ) : null}
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">{t('sells')}</legend>
        <label className="flex items-start gap-3 text-sm">
          <input
            type="radio"
            name="link-kind"
            value="product"
            checked={kind === 'product'}
            onChange={() => setKind('product')}
            className="mt-0.5 size-4 shrink-0 accent-[var(--color-accent)]"
          />
          <span>
            <span className="font-medium">{t('productTitle')}</span>
            <span className="block text-muted">{t('productHint')}</span>
          </span>
        </label>
        <label className="flex items-start gap-3 text-sm">
          <input
            type="radio"
            name="link-kind"
            value="invoice"
            checked={kind === 'invoice'}
            onChange={() => setKind('invoice')}
            className="mt-0.5 size-4 shrink-0 accent-[var(--color-accent)]"
          />
          <span>
            <span className="font-medium">{t('invoiceTitle')}</span>
            <span className="block text-muted">{t('invoiceHint')}</span>
          </span>
        </label>
      </fieldset>
      <form
        key={`${kind}-${formKey}`}
        action={action}
        onSubmit={keepValues(action)}
        noValidate
        className="flex flex-col gap-4"
      >
        <input type="hidden" name="kind" value={kind} />
        {kind === 'product' ? (
          props.prices.length === 0 ? (
            <Alert tone="info">{t('noPrices')}</Alert>
          ) : (
            <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
              <Field id="link-price" label={t('price')} error={errors?.priceId}>
                <Select name="priceId" defaultValue="">
                  <option value="" disabled>
                    {t('choose')}
                  </option>
                  {props.prices.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field id="link-quantity" label={t('quantity')} error={errors?.quantity}>
                <Input name="quantity" type="number" min={1} max={999} defaultValue="1" />
              </Field>
            </div>
          )
        ) : (
          <>
            <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
              <Field
                id="link-amount"
                label={t('amount')}
                hint={t('amountHint')}
                error={errors?.amount}
              >
                <Input name="amount" inputMode="decimal" autoComplete="off" />
              </Field>
              <Field id="link-currency" label={t('currency')} error={errors?.currency}>
                <Select name="currency" defaultValue={props.defaultCurrency}>
                  {[...new Set([props.defaultCurrency, ...CURRENCIES])].map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <Field
              id="link-description"
              label={t('description')}
              hint={t('descriptionHint')}
              error={errors?.description}
            >
              <Input name="description" maxLength={500} placeholder={t('descriptionPlaceholder')} />
            </Field>
          </>
        )}
        {state && !state.ok && !state.fieldErrors ? (
          <Alert tone="danger">{state.message}</Alert>
        ) : null}
        <div>
          <Button
            type="submit"
            disabled={pending || (kind === 'product' && props.prices.length === 0)}
          >
            {pending ? t('creating') : t('create')}
          </Button>
        </div>
      </form>
    </div>
  );
}
