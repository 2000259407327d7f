import { Alert, Field, Input } from '@prood/ui';
import { formatMoney } from '@prood/ui/format';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { cache } from 'react';
import { CheckoutFrame } from '../../../components/checkout/frame';
import { SubmitButton } from '../../../components/checkout/submit-button';
import { fetchCheckoutPageView, fetchPaymentLinkLanding } from '../../../server/commerce-api';
import { startPaymentLinkAction } from './actions';

export const dynamic = 'force-dynamic';

const ERRORS = [
  'name_required',
  'email_invalid',
  'too_many_attempts',
  'link_unavailable',
  'busy',
] as const;
type LinkError = (typeof ERRORS)[number];

/** One load per request, shared by the metadata and the page. */
const load = cache(async (id: string) => {
  const landing = await fetchPaymentLinkLanding(id);
  if (!landing) return null;
  const view = await fetchCheckoutPageView(landing.tenantId, null);
  return { landing, branding: view?.branding ?? null };
});

export async function generateMetadata(props: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  const loaded = await load((await props.params).id);
  const t = await getTranslations('meta');
  return {
    title: t('title', {
      merchant: loaded?.branding?.displayName ?? loaded?.landing.merchantName ?? 'prood',
    }),
    robots: { index: false, follow: false },
    referrer: 'no-referrer',
  };
}

/**
 * `/l/{plink_…}`: a product payment link. It shows what is sold and asks for a name and an
 * email; only "Continue" (a POST) creates the order and its session. A disabled link says so,
 * with the merchant's name.
 */
export default async function PaymentLinkPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await props.params;
  const query = await props.searchParams;
  const loaded = await load(id);
  if (!loaded) notFound();
  const { landing, branding } = loaded;
  const [t, locale, requestHeaders] = await Promise.all([
    getTranslations('paymentLink'),
    getLocale(),
    headers(),
  ]);
  const merchant = branding?.displayName ?? landing.merchantName;
  const frame = {
    merchant,
    logoUrl: branding?.logoUrl ?? null,
    accentColor: branding?.accentColor ?? null,
    testMode: false,
    nonce: requestHeaders.get('x-nonce') ?? undefined,
  };

  if (!landing.active) {
    return (
      <CheckoutFrame {...frame}>
        <section
          aria-labelledby="inactive-title"
          className="flex flex-col gap-4"
          data-testid="link-inactive"
        >
          <h1 id="inactive-title" className="text-2xl font-semibold tracking-tight">
            {t('inactiveTitle')}
          </h1>
          <p>{t('inactiveBody', { merchant })}</p>
        </section>
      </CheckoutFrame>
    );
  }

  const error = ERRORS.find((e) => e === query.e) as LinkError | undefined;
  const money = (amount: number) => formatMoney(amount, landing.currency, locale);
  const summary = (
    <section aria-labelledby="link-title">
      <p className="text-sm text-muted">{t('payTo', { merchant })}</p>
      <p className="mt-1 text-3xl font-semibold tracking-tight" data-testid="link-total">
        {money(landing.amount)}
      </p>
      <div className="mt-6 border-t border-border py-3">
        <h1 id="link-title" className="font-medium break-words">
          {landing.productName}
        </h1>
        {landing.description ? (
          <p className="mt-1 text-sm text-muted break-words">{landing.description}</p>
        ) : null}
        <p className="mt-1 text-sm text-muted">
          {t('quantity', { quantity: landing.quantity })} ·{' '}
          {t('each', { amount: money(landing.unitAmount) })}
        </p>
      </div>
    </section>
  );

  return (
    <CheckoutFrame {...frame} summary={summary}>
      <form
        action={startPaymentLinkAction.bind(null, id)}
        className="flex flex-col gap-4"
        noValidate
      >
        <h2 className="text-base font-semibold">{t('formTitle')}</h2>
        <Field
          id="name"
          label={t('name')}
          error={error === 'name_required' ? t('errors.name_required') : undefined}
        >
          <Input name="name" autoComplete="name" required maxLength={200} />
        </Field>
        <Field
          id="email"
          label={t('email')}
          hint={t('emailHint')}
          error={error === 'email_invalid' ? t('errors.email_invalid') : undefined}
        >
          <Input name="email" type="email" autoComplete="email" required maxLength={320} />
        </Field>
        {error && error !== 'name_required' && error !== 'email_invalid' ? (
          <Alert tone="danger" data-testid="link-error">
            {t(`errors.${error}`)}
          </Alert>
        ) : null}
        <SubmitButton size="lg" className="w-full" pendingLabel={t('continue')}>
          {t('continue')}
        </SubmitButton>
      </form>
    </CheckoutFrame>
  );
}
