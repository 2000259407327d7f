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
  RefundForm,
  RefundInFullButton,
  ResendReceiptButton,
} from '../../../../components/orders/order-actions';
import {
  CANCELABLE_STATUSES,
  OrderStatusBadges,
  providerLabel,
  REFUNDABLE_STATUSES,
} from '../../../../components/orders/order-status';
import { OrderTimeline } from '../../../../components/orders/order-timeline';
import { loadPage } from '../../../../server/trpc';

export const dynamic = 'force-dynamic';

export async function generateMetadata(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  return { title: `Order ${id} · prood` };
}

const FULFILMENT: Record<string, string> = {
  shipping: 'Shipping',
  local_delivery: 'Local delivery',
  pickup: 'Pickup',
  digital: 'Digital delivery',
};
const ATTEMPT_STATUS: Record<string, string> = {
  starting: 'Starting',
  open: 'Open',
  ended: 'Ended',
};
const PAYMENT_TONE: Record<string, 'success' | 'warning' | 'danger' | 'info'> = {
  succeeded: 'success',
  processing: 'info',
  requires_action: 'warning',
  failed: 'danger',
  pending: 'info',
};
const WORDS: Record<string, string> = {
  succeeded: 'Succeeded',
  processing: 'Processing',
  requires_action: 'Needs authentication',
  failed: 'Failed',
  pending: 'Pending',
  requested_by_customer: 'Requested by the customer',
  duplicate: 'Duplicate payment',
  fraudulent: 'Fraudulent',
};

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
          <Badge tone={PAYMENT_TONE[props.status] ?? 'info'}>
            {WORDS[props.status] ?? props.status}
          </Badge>
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
  const m = (amount: number) => formatMoney(amount, order.currency, 'en');
  const canManage = organization.role === 'owner' || organization.role === 'admin';
  const remaining = order.amountPaid - order.amountRefunded;
  const refundable = REFUNDABLE_STATUSES.includes(order.status) && remaining > 0;
  const cancelable = CANCELABLE_STATUSES.includes(order.status);
  const fulfillable = order.status === 'PAID';
  const ships = order.fulfillment.method === 'shipping';
  const paidAfterCancel = order.needsReview && order.canceledAt !== null;
  const address = order.customer.address;
  const provider =
    order.provider ?? money.payments.at(-1)?.provider ?? money.attempts.at(-1)?.provider ?? null;
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm">
        <Link href="/orders" className="underline underline-offset-2">
          ← Orders
        </Link>
      </p>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm text-muted">
            Order <span className="font-mono">{order.reference}</span>
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
          title={paidAfterCancel ? 'Paid after it was canceled' : 'This order needs your review'}
        >
          <p>
            {paidAfterCancel
              ? 'The shopper’s payment arrived after this order was canceled, so it was not fulfilled and no stock was taken. The money is real: refund it in full, or deliver the order yourself.'
              : `A payment did not fit this order${order.reviewReason ? ` (${order.reviewReason})` : ''}, so it was not fulfilled automatically. Check it with your provider, then refund or deliver.`}
          </p>
          {refundable && canManage ? (
            <div className="mt-3">
              <RefundInFullButton orderId={order.id} amountText={m(remaining)} />
            </div>
          ) : refundable ? (
            <p className="mt-2">An owner or admin of your organization can refund it.</p>
          ) : (
            <p className="mt-2 font-medium">Refunded in full: nothing is left to do.</p>
          )}
        </Alert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-3">
        {/* on a phone both columns flow as one, the lines first and the refund form next */}
        <div className="contents lg:col-span-2 lg:flex lg:min-w-0 lg:flex-col lg:gap-6">
          <Card className="max-lg:order-first">
            <CardHeader>
              <CardTitle>Items</CardTitle>
            </CardHeader>
            <CardContent>
              <ul className="divide-y divide-border" data-testid="order-lines">
                {order.items.map((item) => (
                  <li key={item.id} className="flex justify-between gap-4 py-2 text-sm">
                    <div className="min-w-0">
                      <p className="font-medium">{item.title}</p>
                      <p className="text-muted tabular-nums">
                        {item.quantity} × {m(item.unitAmount)}
                      </p>
                    </div>
                    <p className="tabular-nums">{m(item.subtotal)}</p>
                  </li>
                ))}
              </ul>
              <dl className="mt-3 border-t border-border pt-3 text-sm">
                <Row label="Subtotal" value={m(order.subtotal)} />
                {order.discountTotal > 0 ? (
                  <Row
                    label={order.couponCode ? `Discount (${order.couponCode})` : 'Discount'}
                    value={`−${m(order.discountTotal)}`}
                  />
                ) : null}
                <Row label="Shipping" value={m(order.shippingTotal)} />
                <Row label="Tax" value={m(order.taxTotal)} />
                <Row label="Total" value={m(order.total)} strong />
                {order.amountPaid > 0 ? <Row label="Paid" value={m(order.amountPaid)} /> : null}
                {order.amountRefunded > 0 ? (
                  <>
                    <Row label="Refunded" value={`−${m(order.amountRefunded)}`} />
                    <Row label="Net" value={m(remaining)} strong />
                  </>
                ) : null}
              </dl>
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>Payments</CardTitle>
              <CardDescription>
                Each checkout attempt and what the provider reported.
              </CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-4">
              {money.payments.length === 0 && money.attempts.length === 0 ? (
                <EmptyState title="No payment yet">
                  The shopper has not started paying this order.
                </EmptyState>
              ) : null}
              {money.payments.length > 0 ? (
                <ul className="divide-y divide-border" data-testid="payments">
                  {money.payments.map((p) => (
                    <MoneyItem
                      key={p.id}
                      title={`${providerLabel(p.provider)} payment`}
                      status={p.status}
                      reference={p.providerPaymentId}
                      at={p.createdAt}
                      amount={formatMoney(p.amount, p.currency, 'en')}
                    />
                  ))}
                </ul>
              ) : null}
              {money.attempts.length > 0 ? (
                <div>
                  <h3 className="text-sm font-medium">Checkout attempts</h3>
                  <ul className="mt-1 divide-y divide-border text-sm">
                    {money.attempts.map((a) => (
                      <li key={a.id} className="py-2">
                        <p>
                          Attempt {a.attempt} · {providerLabel(a.provider)} ·{' '}
                          {ATTEMPT_STATUS[a.status] ?? a.status}
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
              <CardTitle>Refunds</CardTitle>
            </CardHeader>
            <CardContent>
              {money.refunds.length === 0 ? (
                <p className="text-sm text-muted">No refunds.</p>
              ) : (
                <ul className="divide-y divide-border" data-testid="refunds">
                  {money.refunds.map((r) => (
                    <MoneyItem
                      key={r.id}
                      title="Refund"
                      status={r.status}
                      note={
                        [r.reason ? (WORDS[r.reason] ?? r.reason) : null, r.note]
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
              <CardTitle>Timeline</CardTitle>
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
                <CardTitle>{ships ? 'Ship the order' : 'Fulfil the order'}</CardTitle>
                <CardDescription>
                  {ships
                    ? 'Add the tracking once the parcel has left; the shopper is mailed.'
                    : 'Mark it done once the shopper has it; the shopper is mailed.'}
                </CardDescription>
              </CardHeader>
              <CardContent>
                <FulfilForm orderId={order.id} reference={order.reference} ships={ships} />
              </CardContent>
            </Card>
          ) : null}
          {refundable && canManage ? (
            <Card className="max-lg:order-first">
              <CardHeader>
                <CardTitle>Refund</CardTitle>
                <CardDescription>Part of the payment, or all that is left.</CardDescription>
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
              <CardTitle>Customer</CardTitle>
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
                {FULFILMENT[order.fulfillment.method] ?? order.fulfillment.method}
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
                <p className="text-muted">No address: nothing is shipped.</p>
              )}
              {order.fulfillment.appointmentAt ? (
                <p className="mt-2">
                  Appointment <LocalTime iso={order.fulfillment.appointmentAt} />
                </p>
              ) : null}
              {order.fulfilledAt ? (
                <p className="mt-2">
                  Fulfilled <LocalTime iso={order.fulfilledAt} />
                </p>
              ) : null}
              {order.shipment ? (
                <dl className="mt-2" data-testid="shipment">
                  <Row label="Carrier" value={order.shipment.carrier} />
                  <Row
                    label="Tracking"
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
              <CardTitle>Details</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="text-sm">
                <Row label="Provider" value={providerLabel(provider)} />
                <Row label="Created" value={<LocalTime iso={order.createdAt} />} />
                {order.paidAt ? (
                  <Row label="Paid" value={<LocalTime iso={order.paidAt} />} />
                ) : null}
                {order.canceledAt ? (
                  <Row label="Canceled" value={<LocalTime iso={order.canceledAt} />} />
                ) : null}
              </dl>
              {!canManage && (refundable || cancelable || fulfillable) ? (
                <p className="mt-3 text-sm text-muted">
                  You are a member of {organization.name}: owners and admins refund, fulfil and
                  cancel orders.
                </p>
              ) : null}
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
