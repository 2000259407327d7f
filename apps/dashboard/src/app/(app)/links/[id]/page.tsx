import { Card, CardContent, CardHeader, CardTitle, EmptyState } from '@prood/ui';
import { formatMoney } from '@prood/ui/format';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LocalTime } from '../../../../components/orders/local-time';
import { OrderStatusBadges } from '../../../../components/orders/order-status';
import { PageHeader } from '../../../../components/page-header';
import { CopyLinkButton, LinkActiveButton } from '../../../../components/payment-link-forms';
import {
  isShareable,
  LinkKindBadge,
  LinkStatusBadge,
  linkAmount,
  linkTitle,
  usesText,
} from '../../../../components/payment-link-ui';
import { loadPage } from '../../../../server/trpc';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  const t = await getTranslations('links.detail');
  return { title: t('metaTitle') };
}

export default async function PaymentLinkPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { detail, organization } = await loadPage(async (trpc) => {
    const [detail, organization] = await Promise.all([
      trpc.paymentLinks.get.query({ id }),
      trpc.settings.organization.query(),
    ]);
    return { detail, organization };
  });
  const { link, orders } = detail;
  const [t, tv] = await Promise.all([
    getTranslations('links.detail'),
    getTranslations('links.view'),
  ]);
  const canManage = organization.role === 'owner' || organization.role === 'admin';
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label={t('breadcrumb')} className="text-sm">
        <Link href="/links" className="text-muted underline-offset-4 hover:underline">
          {t('back')}
        </Link>
      </nav>
      <PageHeader
        title={<span className="tabular-nums">{linkAmount(link)}</span>}
        description={linkTitle(link, tv)}
        actions={
          canManage ? (
            <LinkActiveButton
              id={link.id}
              active={link.active}
              kind={link.kind}
              paid={Boolean(link.paidAt)}
            />
          ) : null
        }
      />
      <Card>
        <CardContent className="flex flex-col gap-4 pt-6">
          <div className="flex flex-wrap items-center gap-2">
            <LinkStatusBadge link={link} />
            <LinkKindBadge kind={link.kind} />
            <span className="text-sm text-muted">{usesText(link, tv)}</span>
          </div>
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <code
              data-testid="link-url"
              className="min-w-0 flex-1 break-all rounded bg-subtle px-2 py-1 font-mono text-sm"
            >
              {link.url}
            </code>
            {isShareable(link) ? <CopyLinkButton url={link.url} /> : null}
          </div>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-muted">{t('created')}</dt>
            <dd>
              <LocalTime iso={link.createdAt} />
            </dd>
            {link.kind === 'invoice' && link.expiresAt ? (
              <>
                <dt className="text-muted">{t('expires')}</dt>
                <dd>
                  <LocalTime iso={link.expiresAt} />
                </dd>
              </>
            ) : null}
            {link.paidAt ? (
              <>
                <dt className="text-muted">{t('paid')}</dt>
                <dd>
                  <LocalTime iso={link.paidAt} />
                </dd>
              </>
            ) : null}
            <dt className="text-muted">{t('id')}</dt>
            <dd className="break-all font-mono text-xs">{link.id}</dd>
          </dl>
          {!canManage ? (
            <p className="text-sm text-muted">
              {t('memberNote', { organization: organization.name })}
            </p>
          ) : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('ordersTitle')}</CardTitle>
        </CardHeader>
        <CardContent>
          {orders.length === 0 ? (
            link.kind === 'invoice' ? (
              <EmptyState
                title={link.paidAt ? t('invoicePaidBeforeTitle') : t('invoiceNotPaidTitle')}
              >
                {link.paidAt ? t('invoicePaidBeforeBody') : t('invoiceNotPaidBody')}
              </EmptyState>
            ) : (
              <EmptyState title={t('productEmptyTitle')}>{t('productEmptyBody')}</EmptyState>
            )
          ) : (
            <ul className="divide-y divide-border" aria-label={t('ordersLabel')}>
              {orders.map((order) => (
                <li
                  key={order.id}
                  data-testid="link-order"
                  className="relative flex flex-wrap items-center gap-x-3 gap-y-1 py-3 hover:bg-subtle sm:flex-nowrap sm:gap-4"
                >
                  <Link
                    href={`/orders/${order.id}`}
                    className="font-medium tabular-nums after:absolute after:inset-0 focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-ring"
                  >
                    {formatMoney(order.total, order.currency, 'en')}
                    <span className="sr-only">
                      {t('orderLinkLabel', { reference: order.reference })}
                    </span>
                  </Link>
                  <OrderStatusBadges status={order.status} needsReview={order.needsReview} />
                  <span className="font-mono text-xs">{order.reference}</span>
                  <span className="min-w-0 basis-full truncate text-sm text-muted sm:basis-auto sm:flex-1">
                    {order.customerEmail || t('noEmail')}
                  </span>
                  <span className="text-sm text-muted">
                    <LocalTime iso={order.createdAt.toISOString()} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
