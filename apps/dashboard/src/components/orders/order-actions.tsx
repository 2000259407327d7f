'use client';

import { ConfirmButton, Field, Input, Select, toast } from '@prood/ui';
import { formatMoney } from '@prood/ui/format';
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
import { useActionToast } from '../use-action';
import { parseMajorAmount } from './parse-amount';

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
  const parsed = parseMajorAmount(amount, props.currency);
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
        label={`Amount (${props.currency})`}
        hint={`Up to ${formatMoney(props.remaining, props.currency, 'en')}.`}
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
          Error code: <code data-testid="refund-error-code">{state.code}</code>
        </p>
      ) : null}
      <Field id="refund-reason" label="Reason" aside="optional">
        <Select name="reason" defaultValue="">
          <option value="">No reason given</option>
          <option value="requested_by_customer">Requested by the customer</option>
          <option value="duplicate">Duplicate payment</option>
          <option value="fraudulent">Fraudulent</option>
        </Select>
      </Field>
      <Field
        id="refund-note"
        label="Note"
        aside="optional"
        hint="For your team; the shopper and the provider do not see it."
        error={state && !state.ok ? state.fieldErrors?.note : undefined}
      >
        <Input name="note" maxLength={500} autoComplete="off" />
      </Field>
      <ConfirmButton
        title={preview ? `Refund ${preview}?` : 'Refund this amount?'}
        description={`The money goes back to ${props.customerEmail}'s payment method. This cannot be undone.`}
        confirmLabel={preview ? `Refund ${preview}` : 'Refund'}
        confirmVariant="primary"
        variant="primary"
        size="md"
        disabled={pending}
        onConfirm={() => form.current?.requestSubmit()}
      >
        {pending ? 'Refunding…' : 'Refund'}
      </ConfirmButton>
    </form>
  );
}

/** The needs-review banner's one click: refunds everything left, after a confirmation. */
export function RefundInFullButton(props: { orderId: string; amountText: string }) {
  const [key, setKey] = useState(newKey);
  const [run, pending] = useActionToast(
    () => refundInFullAction(props.orderId, key),
    (result) => {
      if (result.code !== 'provider_unavailable') setKey(newKey());
    },
  );
  return (
    <ConfirmButton
      title={`Refund ${props.amountText} in full?`}
      description="The whole payment goes back to the shopper. This cannot be undone."
      confirmLabel={`Refund ${props.amountText}`}
      confirmVariant="primary"
      variant="primary"
      disabled={pending}
      onConfirm={run}
    >
      {pending ? 'Refunding…' : `Refund ${props.amountText} in full`}
    </ConfirmButton>
  );
}

/** Cancels an unpaid order after a confirmation. */
export function CancelOrderButton(props: { orderId: string; reference: string }) {
  const [run, pending] = useActionToast(() => cancelOrderAction(props.orderId));
  return (
    <ConfirmButton
      title={`Cancel order ${props.reference}?`}
      description="Its open checkout is closed and the shopper can no longer pay it. This cannot be undone."
      confirmLabel="Cancel order"
      disabled={pending}
      onConfirm={run}
    >
      {pending ? 'Canceling…' : 'Cancel order'}
    </ConfirmButton>
  );
}

/**
 * Marks a paid order fulfilled. A shipped order asks for the carrier and tracking number (and
 * an optional https tracking link) and names them in the confirmation; the shopper is mailed.
 */
export function FulfilForm(props: { orderId: string; reference: string; ships: boolean }) {
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
      <input type="hidden" name="ships" value={props.ships ? 'yes' : 'no'} />
      {props.ships ? (
        <>
          <Field id="fulfil-carrier" label="Carrier" error={errors.carrier}>
            <Input name="carrier" maxLength={100} autoComplete="off" placeholder="DHL" />
          </Field>
          <Field id="fulfil-tracking" label="Tracking number" error={errors.trackingNumber}>
            <Input name="trackingNumber" maxLength={100} autoComplete="off" />
          </Field>
          <Field
            id="fulfil-tracking-url"
            label="Tracking link"
            aside="optional"
            hint="An https:// page where the shopper follows the parcel."
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
        title={`Mark order ${props.reference} fulfilled?`}
        description={
          props.ships
            ? 'The shopper gets a mail with the carrier and tracking number. This cannot be undone.'
            : 'The shopper gets a mail that the order is fulfilled. This cannot be undone.'
        }
        confirmLabel="Mark fulfilled"
        confirmVariant="primary"
        variant="primary"
        size="md"
        disabled={pending}
        onConfirm={() => form.current?.requestSubmit()}
      >
        {pending ? 'Saving…' : props.ships ? 'Mark shipped' : 'Mark fulfilled'}
      </ConfirmButton>
    </form>
  );
}

/** Mails the receipt again after a confirmation; the API refuses repeats within 10 minutes. */
export function ResendReceiptButton(props: { orderId: string; email: string }) {
  const [run, pending] = useActionToast(() => resendReceiptAction(props.orderId));
  return (
    <ConfirmButton
      title="Resend the receipt?"
      description={`The order confirmation goes to ${props.email} again.`}
      confirmLabel="Resend receipt"
      confirmVariant="primary"
      variant="secondary"
      disabled={pending}
      onConfirm={run}
    >
      {pending ? 'Sending…' : 'Resend receipt'}
    </ConfirmButton>
  );
}
