import { SANDBOX_TEST_CARDS as SANDBOX_CARDS } from '@prood/provider-factory';
import { formatMoney } from '@prood/ui/format';
import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { CheckoutFrame } from '../../../components/checkout/frame';
import {
  ExpiredView,
  LinkPaidView,
  MessageView,
  SuccessView,
  UnavailableView,
} from '../../../components/checkout/outcomes';
import {
  AuthenticateStep,
  HostedPayForm,
  ProcessingView,
  SandboxCardForm,
  StripePaymentSection,
} from '../../../components/checkout/payment';
import {
  AddressSection,
  ContactSection,
  CouponSection,
  DigitalSection,
  type PageMessage,
  PickupSection,
  ShippingSection,
} from '../../../components/checkout/sections';
import { OrderSummary } from '../../../components/checkout/summary';
import { STORE_DOWN_HEADER } from '../../../i18n/headers';
import { loadCheckoutView } from '../../../server/checkout-view';
import { PAID_COOKIE } from '../../../server/cookies';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const CODE = /^[a-z_]{1,64}$/;
/** Only short lowercase codes survive; the page maps them to its own messages. */
function code(value: string | string[] | undefined): string | null {
  return typeof value === 'string' && CODE.test(value) ? value : null;
}

/**
 * What the page's load depends on besides the id: whether this browser paid this payment link
 * (a cookie the pay action sets), and whether the proxy just found the session store down.
 */
async function loadArguments(id: string): Promise<[boolean, boolean]> {
  const [requestCookies, requestHeaders] = await Promise.all([cookies(), headers()]);
  return [
    requestCookies.get(PAID_COOKIE)?.value === id,
    requestHeaders.get(STORE_DOWN_HEADER) === '1',
  ];
}

export async function generateMetadata(props: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  const { id } = await props.params;
  // the same arguments as the page's, so the request's one load serves both
  const loaded = await loadCheckoutView(id, ...(await loadArguments(id)));
  const t = await getTranslations('meta');
  return {
    title: t('title', { merchant: loaded.found ? loaded.view.branding.displayName : 'prood' }),
    robots: { index: false, follow: false },
    referrer: 'no-referrer',
  };
}

/** `/c/{id}`: the whole checkout on one URL; every state of the session has its view here. */
export default async function CheckoutPage(props: {
  params: Promise<{ id: string }>;
  searchParams: SearchParams;
}) {
  const { id } = await props.params;
  const query = await props.searchParams;
  const message: PageMessage = {
    error: code(query.e),
    section: code(query.s),
    notice: code(query.n),
  };
  // with the store down the proxy has answered 503 already, unless the order is paid/canceled
  const [loaded, locale, requestHeaders] = await Promise.all([
    loadArguments(id).then((args) => loadCheckoutView(id, ...args)),
    getLocale(),
    headers(),
  ]);
  const nonce = requestHeaders.get('x-nonce') ?? undefined;

  if (!loaded.found) {
    if (loaded.reason === 'not_found') notFound();
    return (
      <CheckoutFrame
        merchant="Checkout"
        logoUrl={null}
        accentColor={null}
        testMode={false}
        nonce={nonce}
      >
        <UnavailableView id={id} merchant={null} />
      </CheckoutFrame>
    );
  }
  const { view } = loaded;
  const { branding, order, snapshot } = view;
  const t = await getTranslations();
  const currency = order?.order.currency ?? snapshot?.currency ?? 'EUR';
  const total = order?.order.total ?? snapshot?.amount ?? 0;
  const money = formatMoney(total, currency, locale);
  const frame = {
    merchant: branding.displayName,
    logoUrl: branding.logoUrl,
    accentColor: branding.accentColor,
    testMode: view.testMode,
    nonce,
  };

  if (view.kind === 'success' || view.kind === 'link_paid') {
    const back = order?.order.returnUrl ? new URL(order.order.returnUrl) : null;
    back?.searchParams.set('session_id', id);
    if (order) back?.searchParams.set('order_id', order.order.id);
    return (
      <CheckoutFrame {...frame}>
        {view.kind === 'success' ? (
          <SuccessView
            merchant={branding.displayName}
            order={order}
            amount={total}
            currency={currency}
            email={order?.order.customerEmail ?? snapshot?.customerInfo.email ?? null}
            backUrl={back && !back.pathname.startsWith('/c/') ? back.toString() : null}
          />
        ) : (
          <LinkPaidView merchant={branding.displayName} />
        )}
      </CheckoutFrame>
    );
  }
  if (view.kind === 'expired') {
    return (
      <CheckoutFrame {...frame}>
        <ExpiredView id={id} canStartAgain={view.canStartAgain} error={message.error} />
      </CheckoutFrame>
    );
  }
  if (view.kind === 'unavailable') {
    // what Postgres knows (merchant, lines, total) beside the 503 message; nothing to edit
    const known = order ? (
      <OrderSummary
        id={id}
        currency={currency}
        order={order}
        fallbackLine={{ title: branding.displayName, amount: total }}
        total={total}
        adjustableQuantity={false}
        editable={false}
      />
    ) : undefined;
    return (
      <CheckoutFrame {...frame} summary={known}>
        <UnavailableView id={id} merchant={branding.displayName} />
      </CheckoutFrame>
    );
  }
  if (view.kind === 'canceled') {
    return (
      <CheckoutFrame {...frame}>
        <MessageView ns="canceled" />
      </CheckoutFrame>
    );
  }

  if (!snapshot || !view.session) notFound();
  const editable = view.kind === 'open' && !view.session.amountLocked;
  const summary = (
    <OrderSummary
      id={id}
      currency={currency}
      order={order}
      fallbackLine={{
        title: snapshot.description ?? t('summary.payTo', { merchant: branding.displayName }),
        amount: snapshot.amount,
      }}
      total={total}
      adjustableQuantity={branding.adjustableQuantity}
      editable={editable}
    />
  );
  const recurring = order?.lines.some((l) => l.recurring);
  const payLabel = recurring
    ? t('payment.subscribe', { amount: money })
    : t('payment.pay', { amount: money });
  // the provider's registry entry says how it takes the payment; an embedded element (Stripe's
  // Payment Element) takes one-off payments, subscriptions and tenants who chose the hosted
  // flow go to the provider's page
  const embedded =
    view.paymentUi === 'embedded-element' && branding.stripeFlow === 'embedded' && !recurring;
  const cancelUrl = order?.order.cancelUrl ?? null;

  return (
    <CheckoutFrame {...frame} summary={summary}>
      <h1 className="sr-only">{t('meta.title', { merchant: branding.displayName })}</h1>
      {message.notice && t.has(`notices.${message.notice}`) ? (
        <p role="status" className="mb-4 rounded-ui bg-success-bg px-4 py-2 text-sm text-success">
          {t(`notices.${message.notice}` as 'notices.coupon_applied')}
        </p>
      ) : null}
      {view.kind === 'authenticate' ? (
        <AuthenticateStep id={id} amount={money} testMode={view.testMode} />
      ) : view.kind === 'processing' ? (
        <ProcessingView id={id} amount={money} />
      ) : (
        <div className="flex flex-col gap-8">
          {order ? (
            <ContactSection
              id={id}
              order={order}
              branding={branding}
              editable={editable}
              message={message}
            />
          ) : null}
          {order?.needsAddress ? (
            <>
              <AddressSection
                id={id}
                order={order}
                branding={branding}
                editable={editable}
                message={message}
              />
              <ShippingSection id={id} order={order} editable={editable} message={message} />
            </>
          ) : order?.order.fulfillment === 'pickup' ? (
            <PickupSection
              merchant={branding.displayName}
              appointmentAt={order.order.appointmentAt}
            />
          ) : order ? (
            <DigitalSection />
          ) : null}
          {order ? (
            <CouponSection
              id={id}
              couponCode={order.couponCode}
              editable={editable}
              message={message}
            />
          ) : null}
          {view.paymentUi === 'inline-card-form' ? (
            <SandboxCardForm
              id={id}
              payLabel={payLabel}
              termsUrl={branding.termsUrl}
              testCards={view.sandbox?.testCards ?? SANDBOX_CARDS}
              locked={!editable}
              message={message}
            />
          ) : embedded ? (
            <StripePaymentSection
              id={id}
              payLabel={payLabel}
              termsUrl={branding.termsUrl}
              accentColor={branding.accentColor}
              embedded={view.embedded}
              message={message}
            />
          ) : (
            <HostedPayForm
              id={id}
              termsUrl={branding.termsUrl}
              locked={!editable}
              message={message}
            />
          )}
          {cancelUrl ? (
            <p className="text-center text-sm">
              <a
                href={cancelUrl}
                className="text-muted underline underline-offset-4"
                data-testid="cancel"
              >
                {t('payment.cancel', { merchant: branding.displayName })}
              </a>
            </p>
          ) : null}
        </div>
      )}
    </CheckoutFrame>
  );
}
