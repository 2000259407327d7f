import {
  Alert,
  Badge,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  EmptyState,
  formatMoney,
} from '@prood/ui';
import { currencyExponent } from '@prood/ui/format';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { LocalTime } from '../../../../components/orders/local-time';
import {
  CancelOrderButton,
  FulfilForm,
  type FulfilMethod,
  RefundForm,
  RefundInFullButton,
  ResendReceiptButton,
} from '../../../../components/orders/order-actions';
import {
  CANCELABLE_STATUSES,
  OrderStatusBadges,
  type OrdersT,
  providerLabel,
  REFUNDABLE_STATUSES,
} from '../../../../components/orders/order-status';
import { OrderTimeline } from '../../../../components/orders/order-timeline';
import { loadPage } from '../../../../server/trpc';

export const dynamic = 'force-dynamic';

export async function generateMetadata(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  return { title: (await getTranslations('orders'))('detail.metaTitle', { id }) };
}

const FULFILMENTS = ['shipping', 'local_delivery', 'pickup', 'digital'] as const;
const ATTEMPT_STATES = ['open', 'paid', 'failed', 'expired', 'canceled'] as const;
const PAYMENT_STATUSES = [
  'succeeded',
  'processing',
  'requires_action',
  'failed',
  'pending',
] as const;
const REFUND_REASONS = ['requested_by_customer', 'duplicate', 'fraudulent'] as const;

/** `value` if it is one of `known`, for a typed message key; otherwise undefined. */
const oneOf = <T extends string>(known: readonly T[], value: string | null | undefined) =>
  known.find((k) => k === value);

const PAYMENT_TONE: Record<string, 'success' | 'warning' | 'danger' | 'info'> = {
  succeeded: 'success',
  processing: 'info',
  requires_action: 'warning',
  failed: 'danger',
  pending: 'info',
};

/** A payment's or refund's status in words; an unknown one as it is. */
function paymentStatusWords(t: OrdersT, status: string): string {
  const known = oneOf(PAYMENT_STATUSES, status);
  return known ? t(`detail.paymentStatus.${known}`) : status;
}

/** Minor units as the amount field shows them ("12.50"), by string arithmetic. */
function decimalText(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  if (exponent === 0) return String(minor);
  const digits = String(minor).padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

function Row(props: { label: ReactNode; value: ReactNode; strong?: boolean }) {
  return (
    <div className={`flex justify-between gap-4 py-1 ${props.strong ? 'font-semibold' : ''}`}>
      <dt className={props.strong ? undefined : 'text-muted'}>{props.label}</dt>
      <dd className="tabular-nums">{props.value}</dd>
    </div>
  );
}

/** One payment or refund: what, its status, the provider's id, when, and how much. */
function MoneyItem(props: {
  title: string;
  status: string;
  statusText: string;
  note?: string | undefined;
  reference: string | null;
  at: string;
  amount: string;
}) {
  return (
    <li className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm">
      <div className="min-w-0">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          {props.title}
          <Badge tone={PAYMENT_TONE[props.status] ?? 'info'}>{props.statusText}</Badge>
        </p>
        {props.note ? <p className="text-xs text-muted">{props.note}</p> : null}
        {props.reference ? (
          <p className="break-all font-mono text-xs text-muted">{props.reference}</p>
        ) : null}
        <p className="text-xs text-muted">
          <LocalTime iso={props.at} />
        </p>
      </div>
      <p className="tabular-nums">{props.amount}</p>
    </li>
  );
}

export default async function OrderPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { order, money, timeline, organization } = await loadPage(async (trpc) => {
    const [order, money, timeline, organization] = await Promise.all([
      trpc.orders.get.query({ id }),
      trpc.orders.payments.query({ id }),
      trpc.orders.timeline.query({ id }),
      trpc.settings.organization.query(),
    ]);
    return { order, money, timeline, organization };
  });
  const t = await getTranslations('orders');
  const m = (amount: number) => formatMoney(amount, order.currency, 'en');
  const canManage = organization.role === 'owner' || organization.role === 'admin';
  const remaining = order.amountPaid - order.amountRefunded;
  const refundable = REFUNDABLE_STATUSES.includes(order.status) && remaining > 0;
  const cancelable = CANCELABLE_STATUSES.includes(order.status);
  const fulfillable = order.status === 'PAID';
  const fulfilMethod: FulfilMethod =
    oneOf(['shipping', 'pickup', 'local_delivery'] as const, order.fulfillment.method) ?? 'other';
  const handOver = fulfilMethod === 'shipping' ? null : fulfilMethod;
  const fulfilmentName = oneOf(FULFILMENTS, order.fulfillment.method);
  const paidAfterCancel = order.needsReview && order.canceledAt !== null;
  const address = order.customer.address;
  const provider =
    order.provider ?? money.payments.at(-1)?.provider ?? money.attempts.at(-1)?.provider ?? null;
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm">
        <Link href="/orders" className="underline underline-offset-2">
          {t('detail.back')}
        </Link>
      </p>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm text-muted">
            {t.rich('detail.order', {
              reference: order.reference,
              ref: (chunks) => <span className="font-mono">{chunks}</span>,
            })}
          </p>
          <h1 className="flex flex-wrap items-center gap-x-3 gap-y-1 text-2xl font-semibold tracking-tight">
            <span className="tabular-nums">
              {m(order.total)}{' '}
              <span className="text-base font-normal text-muted">{order.currency}</span>
            </span>
            <OrderStatusBadges status={order.status} needsReview={order.needsReview} />
          </h1>
          <p className="mt-1 flex flex-wrap gap-x-2 text-sm text-muted">
            <LocalTime iso={order.createdAt} />
            {order.customer.email ? (
              <span className="break-all">{order.customer.email}</span>
            ) : null}
            <code className="break-all">{order.id}</code>
          </p>
        </div>
        {canManage && (cancelable || order.paidAt) ? (
          <div className="flex flex-wrap gap-2">
            {order.paidAt && order.customer.email ? (
              <ResendReceiptButton orderId={order.id} email={order.customer.email} />
            ) : null}
            {cancelable ? (
              <CancelOrderButton orderId={order.id} reference={order.reference} />
            ) : null}
          </div>
        ) : null}
      </div>

      {order.needsReview ? (
        <Alert
          tone="danger"
          data-testid="review-banner"
          title={paidAfterCancel ? t('detail.reviewPaidAfterCancel') : t('detail.reviewTitle')}
        >
          <p>
            {paidAfterCancel
              ? t('detail.reviewPaidAfterCancelBody')
              : order.reviewReason
                ? t('detail.reviewBodyReason', { reason: order.reviewReason })
                : t('detail.reviewBody')}
          </p>
          {refundable && canManage ? (
            <div className="mt-3">
              <RefundInFullButton orderId={order.id} amountText={m(remaining)} />
            </div>
          ) : refundable ? (
            <p className="mt-2">{t('detail.reviewAdminRefunds')}</p>
          ) : (
            <p className="mt-2 font-medium">{t('detail.reviewRefunded')}</p>
          )}
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        {/* on a phone both columns flow as one, the lines first and the refund form next */}
        <div className="contents lg:col-span-2 lg:flex lg:min-w-0 lg:flex-col lg:gap-6">
          <Card className="max-lg:order-first">
            <CardHeader>
              <CardTitle>{t('detail.items')}</CardTitle>
            </CardHeader>
            <CardContent>
              <ul className="divide-y divide-border" data-testid="order-lines">
                {order.items.map((item) => (
                  <li key={item.id} className="flex justify-between gap-4 py-2 text-sm">
                    <div className="min-w-0">
                      <p className="font-medium">{item.title}</p>
                      <p className="text-muted tabular-nums">
                        {t('detail.lineQuantity', {
                          quantity: item.quantity,
                          amount: m(item.unitAmount),
                        })}
                      </p>
                    </div>
                    <p className="tabular-nums">{m(item.subtotal)}</p>
                  </li>
                ))}
              </ul>
              <dl className="mt-3 border-t border-border pt-3 text-sm">
                <Row label={t('detail.subtotal')} value={m(order.subtotal)} />
                {order.discountTotal > 0 ? (
                  <Row
                    label={
                      order.couponCode
                        ? t('detail.discountCode', { code: order.couponCode })
                        : t('detail.discount')
                    }
                    value={`−${m(order.discountTotal)}`}
                  />
                ) : null}
                <Row label={t('detail.shipping')} value={m(order.shippingTotal)} />
                <Row label={t('detail.tax')} value={m(order.taxTotal)} />
                <Row label={t('detail.total')} value={m(order.total)} strong />
                {order.amountPaid > 0 ? (
                  <Row label={t('detail.paid')} value={m(order.amountPaid)} />
                ) : null}
                {order.amountRefunded > 0 ? (
                  <>
                    <Row label={t('detail.refunded')} value={`−${m(order.amountRefunded)}`} />
                    <Row label={t('detail.net')} value={m(remaining)} strong />
                  </>
                ) : null}
              </dl>
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t('detail.payments')}</CardTitle>
              <CardDescription>{t('detail.paymentsDescription')}</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-4">
              {money.payments.length === 0 && money.attempts.length === 0 ? (
                <EmptyState title={t('detail.noPaymentTitle')}>
                  {t('detail.noPaymentBody')}
                </EmptyState>
              ) : null}
              {money.payments.length > 0 ? (
                <ul className="divide-y divide-border" data-testid="payments">
                  {money.payments.map((p) => (
                    <MoneyItem
                      key={p.id}
                      title={t('detail.providerPayment', {
                        provider: providerLabel(t, p.provider),
                      })}
                      status={p.status}
                      statusText={paymentStatusWords(t, p.status)}
                      reference={p.providerPaymentId}
                      at={p.createdAt}
                      amount={formatMoney(p.amount, p.currency, 'en')}
                    />
                  ))}
                </ul>
              ) : null}
              {money.attempts.length > 0 ? (
                <div>
                  <h3 className="text-sm font-medium">{t('detail.attempts')}</h3>
                  <ul className="mt-1 divide-y divide-border text-sm">
                    {money.attempts.map((a) => (
                      <li key={a.id} className="py-2">
                        <p data-testid="attempt-state">
                          {t('detail.attempt', {
                            number: a.attempt,
                            provider: providerLabel(t, a.provider),
                            state: t(
                              `detail.attemptState.${oneOf(ATTEMPT_STATES, a.state) ?? 'open'}`,
                            ),
                          })}
                        </p>
                        <p className="break-all font-mono text-xs text-muted">
                          {[a.checkoutSessionId, a.providerSessionId].filter(Boolean).join(' → ')}
                        </p>
                        <p className="text-xs text-muted">
                          <LocalTime iso={a.createdAt} />
                        </p>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t('detail.refunds')}</CardTitle>
            </CardHeader>
            <CardContent>
              {money.refunds.length === 0 ? (
                <p className="text-sm text-muted">{t('detail.noRefunds')}</p>
              ) : (
                <ul className="divide-y divide-border" data-testid="refunds">
                  {money.refunds.map((r) => (
                    <MoneyItem
                      key={r.id}
                      title={t('detail.refund')}
                      status={r.status}
                      statusText={paymentStatusWords(t, r.status)}
                      note={
                        [
                          r.reason
                            ? (() => {
                                const reason = oneOf(REFUND_REASONS, r.reason);
                                return reason ? t(`detail.refundReason.${reason}`) : r.reason;
                              })()
                            : null,
                          r.note,
                        ]
                          .filter(Boolean)
                          .join(' · ') || undefined
                      }
                      reference={r.providerRefundId}
                      at={r.createdAt}
                      amount={`−${formatMoney(r.amount, r.currency, 'en')}`}
                    />
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>{t('detail.timeline')}</CardTitle>
            </CardHeader>
            <CardContent>
              <OrderTimeline entries={timeline} currency={order.currency} />
            </CardContent>
          </Card>
        </div>

        <div className="contents lg:flex lg:min-w-0 lg:flex-col lg:gap-6">
          {fulfillable && canManage ? (
            <Card>
              <CardHeader>
                <CardTitle>
                  {handOver ? t(`detail.handOverTitle.${handOver}`) : t('detail.shipTitle')}
                </CardTitle>
                <CardDescription>
                  {handOver
                    ? t(`detail.handOverDescription.${handOver}`)
                    : t('detail.shipDescription')}
                </CardDescription>
              </CardHeader>
              <CardContent>
                <FulfilForm orderId={order.id} reference={order.reference} method={fulfilMethod} />
              </CardContent>
            </Card>
          ) : null}
          {refundable && canManage ? (
            <Card className="max-lg:order-first">
              <CardHeader>
                <CardTitle>{t('detail.refundTitle')}</CardTitle>
                <CardDescription>{t('detail.refundDescription')}</CardDescription>
              </CardHeader>
              <CardContent>
                <RefundForm
                  orderId={order.id}
                  currency={order.currency}
                  remaining={remaining}
                  remainingText={decimalText(remaining, order.currency)}
                  customerEmail={
                    order.customer.email || (await getTranslations('links.detail'))('thePayer')
                  }
                />
              </CardContent>
            </Card>
          ) : null}
          <Card>
            <CardHeader>
              <CardTitle>{t('detail.customer')}</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-1 text-sm">
              {order.customer.email ? (
                <>
                  <p className="font-medium">{order.customer.name}</p>
                  <p className="break-all">
                    <a
                      href={`mailto:${order.customer.email}`}
                      className="underline underline-offset-2"
                    >
                      {order.customer.email}
                    </a>
                  </p>
                </>
              ) : (
                // an invoice link's page asks the payer for nothing (its words: the links area's)
                <p className="text-muted">{(await getTranslations('links.detail'))('noEmail')}</p>
              )}
              {order.customer.phone ? <p>{order.customer.phone}</p> : null}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>
                {fulfilmentName
                  ? t(`detail.fulfilment.${fulfilmentName}`)
                  : order.fulfillment.method}
              </CardTitle>
            </CardHeader>
            <CardContent className="text-sm">
              {address ? (
                <address className="not-italic" data-testid="shipping-address">
                  {order.customer.name}
                  <br />
                  {address.line1}
                  {address.line2 ? (
                    <>
                      <br />
                      {address.line2}
                    </>
                  ) : null}
                  <br />
                  {address.postalCode} {address.city}
                  {address.state ? `, ${address.state}` : ''}
                  <br />
                  {address.country}
                </address>
              ) : (
                <p className="text-muted">{t('detail.noAddress')}</p>
              )}
              {order.fulfillment.appointmentAt ? (
                <p className="mt-2">
                  {t.rich('detail.appointment', {
                    time: () => <LocalTime iso={order.fulfillment.appointmentAt ?? ''} />,
                  })}
                </p>
              ) : null}
              {order.fulfilledAt ? (
                <p className="mt-2">
                  {t.rich('detail.fulfilled', {
                    time: () => <LocalTime iso={order.fulfilledAt ?? ''} />,
                  })}
                </p>
              ) : null}
              {order.shipment ? (
                <dl className="mt-2" data-testid="shipment">
                  <Row label={t('detail.carrier')} value={order.shipment.carrier} />
                  <Row
                    label={t('detail.tracking')}
                    value={
                      order.shipment.trackingUrl ? (
                        <a
                          href={order.shipment.trackingUrl}
                          rel="noreferrer noopener"
                          target="_blank"
                          className="break-all underline underline-offset-2"
                        >
                          {order.shipment.trackingNumber}
                        </a>
                      ) : (
                        <span className="break-all">{order.shipment.trackingNumber}</span>
                      )
                    }
                  />
                </dl>
              ) : null}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t('detail.details')}</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="text-sm">
                <Row label={t('detail.provider')} value={providerLabel(t, provider)} />
                <Row label={t('detail.created')} value={<LocalTime iso={order.createdAt} />} />
                {order.paidAt ? (
                  <Row label={t('detail.paidAt')} value={<LocalTime iso={order.paidAt} />} />
                ) : null}
                {order.canceledAt ? (
                  <Row
                    label={t('detail.canceledAt')}
                    value={<LocalTime iso={order.canceledAt} />}
                  />
                ) : null}
              </dl>
              {!canManage && (refundable || cancelable || fulfillable) ? (
                <p className="mt-3 text-sm text-muted">
                  {t('detail.memberNote', { organization: organization.name })}
                </p>
              ) : null}
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
