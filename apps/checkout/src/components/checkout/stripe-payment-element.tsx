'use client';

import { Alert, Button, Spinner } from '@prood/ui';
import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import { loadStripe, type Stripe, type StripeElementLocale } from '@stripe/stripe-js';
import { type FormEvent, useState } from 'react';
import { StatusPoller } from './status-poller';

/** Texts the element's frame shows, chosen on the server from the message files. */
export interface StripeElementLabels {
  loading: string;
  loadFailed: string;
  pay: string;
  confirming: string;
}

// one Stripe.js per publishable key for the page's lifetime (loadStripe itself loads it once)
const stripes = new Map<string, Promise<Stripe | null>>();
function stripeFor(publishableKey: string): Promise<Stripe | null> {
  let stripe = stripes.get(publishableKey);
  if (!stripe) {
    stripe = loadStripe(publishableKey);
    stripes.set(publishableKey, stripe);
  }
  return stripe;
}

/**
 * Stripe's Payment Element on `/c/{id}`, mounted with the PaymentIntent the server created.
 * After `confirmPayment` the page never trusts the browser: it polls `/c/{id}/status`, whose
 * answer comes from the order in Postgres and the intent at Stripe, and re-renders from there.
 */
export function StripePaymentElement(props: {
  id: string;
  publishableKey: string;
  clientSecret: string;
  locale: string;
  accentColor: string | null;
  labels: StripeElementLabels;
}) {
  const [stripe] = useState(() => stripeFor(props.publishableKey));
  return (
    <Elements
      stripe={stripe}
      options={{
        clientSecret: props.clientSecret,
        locale: props.locale as StripeElementLocale,
        appearance: {
          theme: 'stripe',
          variables: props.accentColor ? { colorPrimary: props.accentColor } : {},
        },
      }}
    >
      <PaymentForm id={props.id} labels={props.labels} />
    </Elements>
  );
}

function PaymentForm({ id, labels }: { id: string; labels: StripeElementLabels }) {
  const stripe = useStripe();
  const elements = useElements();
  const [ready, setReady] = useState(false);
  const [failedToLoad, setFailedToLoad] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function pay(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!stripe || !elements || confirming) return;
    setConfirming(true);
    setError(null);
    const result = await stripe.confirmPayment({
      elements,
      // a redirecting method (3-D Secure, bank pages) comes back to this page, which asks the order
      confirmParams: { return_url: `${window.location.origin}/c/${id}` },
      redirect: 'if_required',
    });
    if (result.error) {
      // Stripe's own message, in the shopper's language (never text from a URL)
      setError(result.error.message ?? labels.loadFailed);
      setConfirming(false);
      return;
    }
    setSubmitted(true);
  }

  return (
    <form onSubmit={pay} className="flex flex-col gap-4" data-testid="stripe-payment-form">
      <div
        className="relative min-h-44 rounded-ui border border-border bg-subtle p-4"
        aria-busy={!ready}
      >
        {!ready ? (
          <div
            className="absolute inset-0 flex flex-col items-center justify-center gap-3 text-sm text-muted"
            data-testid="stripe-loading"
          >
            {failedToLoad ? (
              <Alert tone="danger">{labels.loadFailed}</Alert>
            ) : (
              <>
                <span className="text-accent">
                  <Spinner label={labels.loading} />
                </span>
                <span aria-hidden="true">{labels.loading}</span>
                <span aria-hidden="true" className="flex w-full max-w-xs flex-col gap-2">
                  <span className="h-9 animate-pulse rounded-ui bg-border/60 motion-reduce:animate-none" />
                  <span className="flex gap-2">
                    <span className="h-9 flex-1 animate-pulse rounded-ui bg-border/60 motion-reduce:animate-none" />
                    <span className="h-9 flex-1 animate-pulse rounded-ui bg-border/60 motion-reduce:animate-none" />
                  </span>
                </span>
              </>
            )}
          </div>
        ) : null}
        <PaymentElement
          onReady={() => setReady(true)}
          onLoadError={() => setFailedToLoad(true)}
          options={{ layout: 'tabs' }}
        />
      </div>
      {error ? (
        <Alert tone="danger" data-testid="payment-error">
          {error}
        </Alert>
      ) : null}
      <Button
        type="submit"
        size="lg"
        block
        disabled={!ready}
        aria-disabled={confirming || undefined}
        data-testid="pay-stripe"
      >
        {confirming ? <Spinner label={labels.confirming} /> : null}
        {labels.pay}
      </Button>
      {submitted ? <StatusPoller id={id} state="open" /> : null}
    </form>
  );
}
