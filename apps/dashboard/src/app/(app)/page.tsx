import { Alert, Badge, Card, CardContent, CardHeader, CardTitle, EmptyState } from '@prood/ui';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { EventTime } from '../../components/event-time';
import { formatMoney } from '../../components/money';
import { OnboardingChecklist, type OnboardingStep } from '../../components/onboarding-checklist';
import { PageHeader } from '../../components/page-header';
import { parseSalesPeriod, SalesOverview } from '../../components/sales-overview';
import { loadPage } from '../../server/trpc';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  const [t, common] = await Promise.all([getTranslations('overview'), getTranslations('common')]);
  return { title: common('pageTitle', { page: t('title') }) };
}

const STATUS_TONE: Record<string, 'success' | 'warning' | 'danger' | 'neutral' | 'info'> = {
  PAID: 'success',
  FULFILLED: 'success',
  PENDING: 'warning',
  FAILED: 'danger',
  CANCELED: 'neutral',
  PARTIALLY_REFUNDED: 'info',
  REFUNDED: 'info',
};

export default async function Overview(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await props.searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const verified = first(params.verified);
  const error = first(params.error);
  // a custom range the API would refuse shows its errors in the form, never a 404
  const period = parseSalesPeriod({
    range: first(params.range),
    from: first(params.from),
    to: first(params.to),
  });
  const { organization, integrations, orders, paidOrders, products, sales, hasLink } =
    await loadPage(async (trpc) => {
      const [organization, integrations, orders, paidOrders, products, sales, hasLink] =
        await Promise.all([
          trpc.settings.organization.query(),
          trpc.settings.integrations.query(),
          trpc.orders.list.query({ limit: 10 }),
          trpc.orders.list.query({
            status: ['PAID', 'FULFILLED', 'PARTIALLY_REFUNDED', 'REFUNDED'],
            limit: 1,
          }),
          trpc.catalog.list.query(),
          trpc.analytics.overview.query(period.query),
          trpc.paymentLinks.exists.query(),
        ]);
      return { organization, integrations, orders, paidOrders, products, sales, hasLink };
    });
  const connected = integrations.filter((i) => i.enabled);
  const t = await getTranslations('overview');
  const step = (key: 'provider' | 'product' | 'paymentLink' | 'paidOrder') => ({
    title: t(`onboarding.${key}.title`),
    description: t(`onboarding.${key}.description`),
    action: t(`onboarding.${key}.action`),
  });
  // each step is derived from the tenant's data, never ticked by hand
  const steps: OnboardingStep[] = [
    {
      id: 'provider',
      ...step('provider'),
      done: connected.length > 0,
      href: '/integrations',
    },
    {
      id: 'product',
      ...step('product'),
      done: products.length > 0,
      href: '/products/new',
    },
    {
      id: 'payment-link',
      ...step('paymentLink'),
      done: hasLink,
      href: '/links',
    },
    {
      id: 'paid-order',
      ...step('paidOrder'),
      done: paidOrders.length > 0,
      href: '/integrations/sandbox',
    },
  ];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={organization.name} description={t('description')} />
      {verified ? <Alert tone="success">{t('emailConfirmed')}</Alert> : null}
      {error ? <Alert tone="danger">{t('confirmLinkBad')}</Alert> : null}
      <OnboardingChecklist steps={steps} />
      <SalesOverview overview={sales} period={period} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>{t('recentOrders.title')}</CardTitle>
          </CardHeader>
          <CardContent>
            {orders.length === 0 ? (
              <EmptyState title={t('recentOrders.emptyTitle')}>
                {t('recentOrders.emptyBody')}
              </EmptyState>
            ) : (
              <ul className="divide-y divide-border">
                {orders.map((o) => (
                  <li
                    key={o.id}
                    className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-3"
                  >
                    <div className="min-w-0">
                      <p className="font-medium">{o.reference}</p>
                      <p className="truncate text-sm text-muted">
                        {o.customer.name} ·{' '}
                        <EventTime value={new Date(o.createdAt).toISOString()} />
                      </p>
                    </div>
                    <div className="flex items-center gap-3">
                      <Badge tone={STATUS_TONE[o.status] ?? 'neutral'}>{o.status}</Badge>
                      <span className="font-medium tabular-nums">
                        {formatMoney(o.total, o.currency)}
                      </span>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t('providers.title')}</CardTitle>
          </CardHeader>
          <CardContent>
            {integrations.length === 0 ? (
              <EmptyState
                title={t('providers.emptyTitle')}
                action={
                  <Link href="/integrations" className="text-sm font-medium underline">
                    {t('providers.connect')}
                  </Link>
                }
              />
            ) : (
              <ul className="flex flex-col gap-2">
                {integrations.map((i) => (
                  <li key={i.id} className="flex items-center justify-between gap-2">
                    <Link
                      href={`/integrations/${i.provider}`}
                      className="font-medium underline-offset-2 hover:underline"
                    >
                      {i.label}
                    </Link>
                    <span className="flex gap-1">
                      <Badge tone={i.mode === 'live' ? 'success' : 'warning'}>
                        {i.mode === 'live' ? t('providers.live') : t('providers.test')}
                      </Badge>
                      {i.enabled ? null : <Badge>{t('providers.disabled')}</Badge>}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
