import { Alert, Button, Field, Input, Spinner } from '@prood/ui';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import {
  authenticateAction,
  embeddedPayAction,
  hostedPayAction,
  payAction,
} from '../../app/c/[id]/actions';
import type { EmbeddedPaymentView } from '../../server/checkout-view';
import { type PageMessage, SectionMessage } from './sections';
import { StatusPoller } from './status-poller';
import { StripePaymentElement } from './stripe-payment-element';
import { SubmitButton } from './submit-button';

const CARD_BEHAVIOURS = [
  'succeeded',
  'declined',
  'insufficient_funds',
  'requires_action',
  'processing',
] as const;

/**
 * The sandbox's card form, on `/c/{id}` itself: number, expiry, CVC, name, the terms box when the
 * tenant has terms, and the test cards listed (the sandbox is test mode, always).
 */
export async function SandboxCardForm(props: {
  id: string;
  payLabel: string;
  termsUrl: string | null;
  testCards: ReadonlyArray<{ number: string; behaviour: string }>;
  locked: boolean;
  message: PageMessage;
}) {
  const t = await getTranslations('payment');
  return (
    <section id="payment" aria-labelledby="payment-title" className="scroll-mt-6">
      <h2 id="payment-title" className="mb-3 text-base font-semibold">
        {t('title')}
      </h2>
      {props.locked ? <p className="mb-3 text-sm text-muted">{t('locked')}</p> : null}
      <form
        action={payAction.bind(null, props.id, Boolean(props.termsUrl))}
        className="grid grid-cols-2 gap-4"
      >
        <Field id="cardNumber" label={t('cardNumber')} className="col-span-2">
          <Input
            name="cardNumber"
            inputMode="numeric"
            autoComplete="cc-number"
            placeholder="4242 4242 4242 4242"
            required
            maxLength={23}
          />
        </Field>
        <Field id="expiry" label={t('expiry')}>
          <Input
            name="expiry"
            inputMode="numeric"
            autoComplete="cc-exp"
            placeholder="12 / 34"
            required
            maxLength={7}
          />
        </Field>
        <Field id="cvc" label={t('cvc')}>
          <Input
            name="cvc"
            inputMode="numeric"
            autoComplete="cc-csc"
            placeholder="123"
            required
            maxLength={4}
          />
        </Field>
        <Field id="cardName" label={t('nameOnCard')} className="col-span-2">
          <Input name="cardName" autoComplete="cc-name" />
        </Field>
        {props.termsUrl ? (
          <label className="col-span-2 flex items-start gap-2 text-sm">
            <input type="checkbox" name="terms" required className="mt-0.5 size-4 accent-accent" />
            <span>
              {t.rich('terms', {
                link: (chunks) => (
                  <a
                    href={props.termsUrl ?? '#'}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="underline"
                  >
                    {chunks}
                  </a>
                ),
              })}
            </span>
          </label>
        ) : null}
        <div className="col-span-2">
          <SubmitButton size="lg" block pendingLabel={t('processingPayment')} data-testid="pay">
            {props.payLabel}
          </SubmitButton>
        </div>
      </form>
      <SectionMessage message={props.message} section="payment" />
      <details className="mt-4 rounded-ui border border-border px-4 py-3 text-sm">
        <summary className="cursor-pointer font-medium">{t('testCards')}</summary>
        <ul className="mt-2 flex flex-col gap-1">
          {props.testCards.map((card) => (
            <li key={card.number} className="flex justify-between gap-3">
              <code className="font-mono">{card.number.replace(/(\d{4})(?=\d)/g, '$1 ')}</code>
              <span className="text-muted">
                {CARD_BEHAVIOURS.includes(card.behaviour as (typeof CARD_BEHAVIOURS)[number])
                  ? t(`cards.${card.behaviour as (typeof CARD_BEHAVIOURS)[number]}`)
                  : null}
              </span>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

/**
 * A provider that takes the card on its own page (Mollie, Stripe Checkout): one plain form post
 * that starts the payment and sends the shopper to the provider.
 */
export async function HostedPayForm(props: {
  id: string;
  termsUrl: string | null;
  locked: boolean;
  message: PageMessage;
}) {
  const t = await getTranslations('payment');
  return (
    <section id="payment" aria-labelledby="payment-title" className="scroll-mt-6">
      <h2 id="payment-title" className="mb-3 text-base font-semibold">
        {t('title')}
      </h2>
      {props.locked ? <p className="mb-3 text-sm text-muted">{t('locked')}</p> : null}
      <form
        action={hostedPayAction.bind(null, props.id, Boolean(props.termsUrl))}
        className="flex flex-col gap-4"
      >
        {props.termsUrl ? (
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="terms" required className="mt-0.5 size-4 accent-accent" />
            <span>
              {t.rich('terms', {
                link: (chunks) => (
                  <a
                    href={props.termsUrl ?? '#'}
                    target="_blank"
                    rel="noopener noreferrer"
                    className="underline"
                  >
                    {chunks}
                  </a>
                ),
              })}
            </span>
          </label>
        ) : null}
        <SubmitButton size="lg" block pendingLabel={t('redirecting')} data-testid="pay-hosted">
          {t('continueToProvider')}
        </SubmitButton>
      </form>
      <SectionMessage message={props.message} section="payment" />
    </section>
  );
}

function TermsBox(props: { label: ReactNode }) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" name="terms" required className="mt-0.5 size-4 accent-accent" />
      <span>{props.label}</span>
    </label>
  );
}

/**
 * Stripe on `/c/{id}` itself: first one plain form post ("Continue to payment") that creates
 * the PaymentIntent for the order's total and locks it, then Stripe's Payment Element mounted
 * with that intent's client secret. The publishable key and client secret are the only Stripe
 * values the browser ever gets.
 */
export async function StripePaymentSection(props: {
  id: string;
  payLabel: string;
  termsUrl: string | null;
  accentColor: string | null;
  embedded: EmbeddedPaymentView | null;
  message: PageMessage;
}) {
  const [t, te, locale] = await Promise.all([
    getTranslations('payment'),
    getTranslations('errors'),
    getLocale(),
  ]);
  const { embedded } = props;
  return (
    <section
      id="payment"
      aria-labelledby="payment-title"
      className="scroll-mt-6"
      data-testid="stripe-payment"
    >
      <h2 id="payment-title" className="mb-3 text-base font-semibold">
        {t('title')}
      </h2>
      {embedded?.ready ? (
        <>
          <p className="mb-3 text-sm text-muted">{t('locked')}</p>
          {embedded.errorCode ? (
            <Alert tone="danger" className="mb-3" data-testid="payment-error">
              {te.has(embedded.errorCode)
                ? te(embedded.errorCode as 'card_declined')
                : te('card_declined')}
            </Alert>
          ) : null}
          <StripePaymentElement
            id={props.id}
            publishableKey={embedded.publishableKey}
            clientSecret={embedded.clientSecret}
            locale={locale}
            accentColor={props.accentColor}
            labels={{
              loading: t('stripeLoading'),
              loadFailed: t('stripeLoadFailed'),
              pay: props.payLabel,
              confirming: t('processingPayment'),
            }}
          />
          <noscript>
            <Alert tone="warning" className="mt-3">
              {t('stripeNoScript')}
            </Alert>
          </noscript>
        </>
      ) : embedded ? (
        <Alert tone="danger" data-testid="payment-error">
          {te('unknown')}{' '}
          <a href={`/c/${props.id}`} className="underline underline-offset-4">
            {t('stripeRetry')}
          </a>
        </Alert>
      ) : (
        <form
          action={embeddedPayAction.bind(null, props.id, Boolean(props.termsUrl))}
          className="flex flex-col gap-4"
        >
          <p className="text-sm text-muted">{t('stripeIntro')}</p>
          {props.termsUrl ? <TermsBox label={termsLabel(t, props.termsUrl)} /> : null}
          <SubmitButton
            size="lg"
            block
            pendingLabel={t('stripeLoading')}
            data-testid="pay-continue"
          >
            {t('stripeContinue')}
          </SubmitButton>
        </form>
      )}
      <SectionMessage message={props.message} section="payment" />
    </section>
  );
}

function termsLabel(t: Awaited<ReturnType<typeof getTranslations<'payment'>>>, termsUrl: string) {
  return t.rich('terms', {
    link: (chunks) => (
      <a href={termsUrl} target="_blank" rel="noopener noreferrer" className="underline">
        {chunks}
      </a>
    ),
  });
}

/** Card 3184's authentication, as an inline step of the same page. */
export async function AuthenticateStep(props: { id: string; amount: string; testMode: boolean }) {
  const t = await getTranslations('authenticate');
  return (
    <section id="payment" aria-labelledby="auth-title" className="flex flex-col gap-4">
      <h2 id="auth-title" className="text-xl font-semibold">
        {t('title')}
      </h2>
      <p>{t('body', { amount: props.amount })}</p>
      {props.testMode ? <Alert tone="info">{t('testNote')}</Alert> : null}
      <form action={authenticateAction.bind(null, props.id, true)}>
        <SubmitButton size="lg" block pendingLabel={t('approve')}>
          {t('approve')}
        </SubmitButton>
      </form>
      <form action={authenticateAction.bind(null, props.id, false)}>
        <Button type="submit" variant="secondary" size="lg" block>
          {t('fail')}
        </Button>
      </form>
    </section>
  );
}

/** An async payment (card 0077) still settling: updates itself by polling, no meta refresh. */
export async function ProcessingView(props: { id: string; amount: string }) {
  const t = await getTranslations('processing');
  return (
    <section
      aria-labelledby="processing-title"
      className="flex flex-col items-start gap-4"
      data-testid="processing"
    >
      <StatusPoller id={props.id} state="processing" />
      <div className="flex items-center gap-3 text-accent">
        <Spinner label={t('title')} />
        <h2 id="processing-title" className="text-xl font-semibold text-fg">
          {t('title')}
        </h2>
      </div>
      <p>{t('body', { amount: props.amount })}</p>
      <a href={`/c/${props.id}`} className="text-sm underline underline-offset-4">
        {t('checkAgain')}
      </a>
    </section>
  );
}
