'use client';

import { ConfirmButton, Field, Input, Select, toast } from '@prood/ui';
import { formatMoney } from '@prood/ui/format';
import { useActionState, useEffect, useRef, useState } from 'react';
import {
  cancelOrderAction,
  refundInFullAction,
  refundOrderAction,
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
