'use client';

import { ConfirmButton, Field, Input, Select, toast } from '@prood/ui';
import { formatMoney } from '@prood/ui/format';
import { useTranslations } from 'next-intl';
import { type FormEvent, useActionState, useEffect, useRef, useState, useTransition } from 'react';
import type { ActionResult } from '../../server/action-result';
import {
  cancelOrderAction,
  fulfilOrderAction,
  refundInFullAction,
  refundOrderAction,
  resendReceiptAction,
} from '../../server/order-actions';
import { keepValues } from '../keep-values';
import { parseTypedAmount } from '../typed-amount';
import { useActionToast } from '../use-action';

/** How a paid order reaches the shopper, as the fulfil form words it. */
export type FulfilMethod = 'shipping' | 'pickup' | 'local_delivery' | 'other';

/** A fresh key per refund the merchant means: a double submit of the same one is one refund. */
const newKey = () => `dash_${crypto.randomUUID()}`;

/**
 * Full or partial refund: the amount in the currency's major unit (prefilled with what is
 * left), an optional reason, and a confirmation naming the money before anything moves.
 */
export function RefundForm(props: {
  orderId: string;
  currency: string;
  /** Minor units still refundable. */
  remaining: number;
  /** `remaining` as the input shows it, e.g. "12.50". */
  remainingText: string;
  customerEmail: string;
}) {
  const t = useTranslations('orders');
  const [state, action, pending] = useActionState(
    refundOrderAction.bind(null, props.orderId),
    null,
  );
  const [key, setKey] = useState(newKey);
  const [amount, setAmount] = useState(props.remainingText);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!state) return;
    if (state.ok) toast.success(state.message);
    else toast.error(state.message);
    // only an unanswered provider call is retried with the same key (it may have gone through)
    if (state.code !== 'provider_unavailable') setKey(newKey());
  }, [state]);
  // after a refund the page comes back with less left: offer that
  useEffect(() => setAmount(props.remainingText), [props.remainingText]);
  const parsed = parseTypedAmount(amount, props.currency);
  const preview = parsed.ok ? formatMoney(parsed.minor, props.currency, 'en') : null;
  const error = state && !state.ok ? (state.fieldErrors?.amount ?? state.message) : undefined;
  return (
    <form
      ref={form}
      action={action}
      onSubmit={keepValues(action)}
      noValidate
      className="flex flex-col gap-4"
      data-testid="refund-form"
    >
      <input type="hidden" name="idempotencyKey" value={key} />
      <Field
        id="refund-amount"
        label={t('refundForm.amount', { currency: props.currency })}
        hint={t('refundForm.upTo', { amount: formatMoney(props.remaining, props.currency, 'en') })}
        error={error}
      >
        <Input
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
        />
      </Field>
      {state && !state.ok && state.code ? (
        <p className="-mt-2 text-xs text-muted">
          {t.rich('refundForm.errorCode', {
            code: () => <code data-testid="refund-error-code">{state.code}</code>,
          })}
        </p>
      ) : null}
      <Field id="refund-reason" label={t('refundForm.reason')} aside={t('refundForm.optional')}>
        <Select name="reason" defaultValue="">
          <option value="">{t('refundForm.noReason')}</option>
          {(['requested_by_customer', 'duplicate', 'fraudulent'] as const).map((reason) => (
            <option key={reason} value={reason}>
              {t(`detail.refundReason.${reason}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        id="refund-note"
        label={t('refundForm.note')}
        aside={t('refundForm.optional')}
        hint={t('refundForm.noteHint')}
        error={state && !state.ok ? state.fieldErrors?.note : undefined}
      >
        <Input name="note" maxLength={500} autoComplete="off" />
      </Field>
      <ConfirmButton
        title={
          preview
            ? t('refundForm.confirmTitle', { amount: preview })
            : t('refundForm.confirmTitleUnknown')
        }
        description={t('refundForm.confirmDescription', { email: props.customerEmail })}
        confirmLabel={
          preview ? t('refundForm.confirm', { amount: preview }) : t('refundForm.submit')
        }
        confirmVariant="primary"
        variant="primary"
        size="md"
        disabled={pending}
        onConfirm={() => form.current?.requestSubmit()}
      >
        {pending ? t('refundForm.pending') : t('refundForm.submit')}
      </ConfirmButton>
    </form>
  );
}

/** The needs-review banner's one click: refunds everything left, after a confirmation. */
export function RefundInFullButton(props: { orderId: string; amountText: string }) {
  const t = useTranslations('orders');
  const [key, setKey] = useState(newKey);
  const [run, pending] = useActionToast(
    () => refundInFullAction(props.orderId, key),
    (result) => {
      if (result.code !== 'provider_unavailable') setKey(newKey());
    },
  );
  return (
    <ConfirmButton
      title={t('refundInFull.title', { amount: props.amountText })}
      description={t('refundInFull.description')}
      confirmLabel={t('refundInFull.confirm', { amount: props.amountText })}
      confirmVariant="primary"
      variant="primary"
      disabled={pending}
      onConfirm={run}
    >
      {pending ? t('refundInFull.pending') : t('refundInFull.button', { amount: props.amountText })}
    </ConfirmButton>
  );
}

/** Cancels an unpaid order after a confirmation. */
export function CancelOrderButton(props: { orderId: string; reference: string }) {
  const t = useTranslations('orders');
  const [run, pending] = useActionToast(() => cancelOrderAction(props.orderId));
  return (
    <ConfirmButton
      title={t('cancel.title', { reference: props.reference })}
      description={t('cancel.description')}
      confirmLabel={t('cancel.confirm')}
      disabled={pending}
      onConfirm={run}
    >
      {pending ? t('cancel.pending') : t('cancel.button')}
    </ConfirmButton>
  );
}

/**
 * Marks a paid order fulfilled. A shipped order asks for the carrier and tracking number (and
 * an optional https tracking link) and names them in the confirmation; a picked-up or locally
 * delivered one is only marked so, in its own words. The shopper is mailed.
 */
export function FulfilForm(props: { orderId: string; reference: string; method: FulfilMethod }) {
  const t = useTranslations('orders');
  const ships = props.method === 'shipping';
  // without JavaScript the form posts to the server action; with it, `submit` below
  const [, action] = useActionState(fulfilOrderAction.bind(null, props.orderId), null);
  const [state, setState] = useState<ActionResult | null>(null);
  const [pending, start] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  // toasted as soon as the answer is in: on success the page comes back without this form
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    start(async () => {
      const result = await fulfilOrderAction(props.orderId, null, data);
      if (result.ok) toast.success(result.message);
      else toast.error(result.message);
      setState(result);
    });
  };
  return (
    <form
      ref={form}
      action={action}
      onSubmit={submit}
      noValidate
      className="flex flex-col gap-4"
      data-testid="fulfil-form"
    >
      <input type="hidden" name="method" value={props.method} />
      {ships ? (
        <>
          <Field id="fulfil-carrier" label={t('fulfil.carrier')} error={errors.carrier}>
            <Input name="carrier" maxLength={100} autoComplete="off" placeholder="DHL" />
          </Field>
          <Field
            id="fulfil-tracking"
            label={t('fulfil.trackingNumber')}
            error={errors.trackingNumber}
          >
            <Input name="trackingNumber" maxLength={100} autoComplete="off" />
          </Field>
          <Field
            id="fulfil-tracking-url"
            label={t('fulfil.trackingUrl')}
            aside={t('fulfil.optional')}
            hint={t('fulfil.trackingUrlHint')}
            error={errors.trackingUrl}
          >
            <Input
              name="trackingUrl"
              type="url"
              inputMode="url"
              maxLength={500}
              autoComplete="off"
            />
          </Field>
        </>
      ) : null}
      <ConfirmButton
        title={t(`fulfil.confirmTitle.${props.method}`, { reference: props.reference })}
        description={t(`fulfil.confirmDescription.${props.method}`)}
        confirmLabel={t(`fulfil.confirm.${props.method}`)}
        confirmVariant="primary"
        variant="primary"
        size="md"
        disabled={pending}
        onConfirm={() => form.current?.requestSubmit()}
      >
        {pending ? t('fulfil.pending') : t(`fulfil.button.${props.method}`)}
      </ConfirmButton>
    </form>
  );
}

/** Mails the receipt again after a confirmation; the API refuses repeats within 10 minutes. */
export function ResendReceiptButton(props: { orderId: string; email: string }) {
  const t = useTranslations('orders');
  const [run, pending] = useActionToast(() => resendReceiptAction(props.orderId));
  return (
    <ConfirmButton
      title={t('resend.title')}
      description={t('resend.description', { email: props.email })}
      confirmLabel={t('resend.confirm')}
      confirmVariant="primary"
      variant="secondary"
      disabled={pending}
      onConfirm={run}
    >
      {pending ? t('resend.pending') : t('resend.button')}
    </ConfirmButton>
  );
}
