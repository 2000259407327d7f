import { Button } from '@prood/ui';
import { formatMoney } from '@prood/ui/format';
import type { CheckoutPageOrder } from '@prood/validators';
import { getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { startAgainAction } from '../../app/c/[id]/actions';
import { SubmitButton } from './submit-button';

function Outcome(props: {
  icon: 'check' | 'clock' | 'info';
  title: string;
  children?: ReactNode;
  testId: string;
}) {
  const tone = props.icon === 'check' ? 'bg-success-bg text-success' : 'bg-subtle text-muted';
  return (
    <section
      aria-labelledby="outcome-title"
      className="flex flex-col gap-4"
      data-testid={props.testId}
    >
      <span
        aria-hidden="true"
        className={`flex size-12 items-center justify-center rounded-full ${tone}`}
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="size-6"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          {props.icon === 'check' ? <path d="M5 12.5 10 17l9-10" /> : null}
          {props.icon === 'clock' ? (
            <path d="M12 7v5l3 2M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0Z" />
          ) : null}
          {props.icon === 'info' ? (
            <path d="M12 16v-4m0-4h.01M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0Z" />
          ) : null}
        </svg>
      </span>
      <h1 id="outcome-title" className="text-2xl font-semibold tracking-tight">
        {props.title}
      </h1>
      {props.children}
    </section>
  );
}

/** Shown only once the API says the order is paid (or, for a link, to the browser that paid). */
export async function SuccessView(props: {
  merchant: string;
  order: CheckoutPageOrder | null;
  amount: number;
  currency: string;
  email: string | null;
  backUrl: string | null;
}) {
  const t = await getTranslations('success');
  const locale = await getLocale();
  const money = (a: number) => formatMoney(a, props.currency, locale);
  return (
    <Outcome icon="check" title={t('title')} testId="success">
      <p data-testid="payment-state">
        {t('body', { amount: money(props.amount), merchant: props.merchant })}
      </p>
      {props.order ? (
        <dl className="rounded-ui border border-border text-sm">
          <div className="flex justify-between gap-4 border-b border-border px-4 py-3">
            <dt className="text-muted">{t('reference')}</dt>
            <dd className="font-mono font-medium" data-testid="order-reference">
              {props.order.order.reference}
            </dd>
          </div>
          <div className="px-4 py-3">
            <dt className="text-muted">{t('items')}</dt>
            <dd>
              <ul className="mt-1">
                {props.order.lines.map((line) => (
                  <li key={line.id} className="flex justify-between gap-4">
                    <span>
                      {line.title} × {line.quantity}
                    </span>
                    <span className="tabular-nums">{money(line.subtotal)}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        </dl>
      ) : null}
      {props.email ? (
        <p className="text-sm text-muted">{t('receipt', { email: props.email })}</p>
      ) : null}
      {props.backUrl ? (
        <Button asChild variant="secondary">
          <a href={props.backUrl}>{t('back', { merchant: props.merchant })}</a>
        </Button>
      ) : null}
    </Outcome>
  );
}

export async function LinkPaidView({ merchant }: { merchant: string }) {
  const t = await getTranslations('linkPaid');
  return (
    <Outcome icon="info" title={t('title')} testId="link-paid">
      <p>{t('body', { merchant })}</p>
    </Outcome>
  );
}

export async function ExpiredView(props: {
  id: string;
  canStartAgain: boolean;
  error: string | null;
}) {
  const t = await getTranslations('expired');
  const errors = await getTranslations('errors');
  return (
    <Outcome icon="clock" title={t('title')} testId="expired">
      <p>{t('body')}</p>
      {props.canStartAgain ? (
        <form action={startAgainAction.bind(null, props.id)} className="flex flex-col gap-3">
          <p className="text-sm text-muted">{t('restartHint')}</p>
          <div>
            <SubmitButton size="lg" pendingLabel={t('startAgain')}>
              {t('startAgain')}
            </SubmitButton>
          </div>
        </form>
      ) : (
        <p className="text-sm text-muted">{t('noRestart')}</p>
      )}
      {props.error === 'order_not_payable' ? (
        <p role="alert" className="text-sm text-danger">
          {errors('order_not_payable')}
        </p>
      ) : null}
    </Outcome>
  );
}

export async function MessageView(props: { ns: 'canceled' | 'notFound' }) {
  const t = await getTranslations(props.ns);
  return (
    <Outcome icon="info" title={t('title')} testId={props.ns}>
      <p>{t('body')}</p>
    </Outcome>
  );
}

/**
 * The session store cannot be read (answered 503 with `Retry-After` by the proxy): the
 * merchant's name when the order names it, and a way to try again. Nothing here can fail.
 */
export async function UnavailableView(props: { id: string; merchant: string | null }) {
  const t = await getTranslations('unavailable');
  return (
    <Outcome icon="clock" title={t('title')} testId="unavailable">
      <p>{props.merchant ? t('bodyMerchant', { merchant: props.merchant }) : t('body')}</p>
      <div>
        <Button asChild size="lg">
          <a href={`/c/${props.id}`} data-testid="retry">
            {t('retry')}
          </a>
        </Button>
      </div>
    </Outcome>
  );
}
