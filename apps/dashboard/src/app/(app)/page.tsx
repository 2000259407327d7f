import { Alert, Badge, Card, CardContent, CardHeader, CardTitle, EmptyState } from '@prood/ui';
import Link from 'next/link';
import { formatMoney } from '../../components/money';
import { OnboardingChecklist, type OnboardingStep } from '../../components/onboarding-checklist';
import { PageHeader } from '../../components/page-header';
import { parseSalesPeriod, SalesOverview } from '../../components/sales-overview';
import { loadPage } from '../../server/trpc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Overview · prood' };

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
  // each step is derived from the tenant's data, never ticked by hand
  const steps: OnboardingStep[] = [
    {
      id: 'provider',
      title: 'Connect a payment provider',
      description: 'The sandbox takes test payments in one click; Stripe or Mollie for real ones.',
      done: connected.length > 0,
      href: '/integrations',
      action: 'Connect a provider',
    },
    {
      id: 'product',
      title: 'Add a product',
      description: 'Give it a name and a price; storefronts and payment links sell it.',
      done: products.length > 0,
      href: '/products/new',
      action: 'New product',
    },
    {
      id: 'payment-link',
      title: 'Create a payment link',
      description: 'Share a link to a product or a fixed amount and get paid without a website.',
      done: hasLink,
      href: '/links',
      action: 'Create a payment link',
    },
    {
      id: 'paid-order',
      title: 'See a test order paid',
      description: 'Open a checkout and pay it with the sandbox card 4242 4242 4242 4242.',
      done: paidOrders.length > 0,
      href: '/integrations/sandbox',
      action: 'How to pay a test order',
    },
  ];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={organization.name} description="Your shop at a glance." />
      {verified ? <Alert tone="success">Email confirmed. You can go live now.</Alert> : null}
      {error ? (
        <Alert tone="danger">
          This confirmation link has expired or was used already. Use “Resend verification mail”
          above for a new one.
        </Alert>
      ) : null}
      <OnboardingChecklist steps={steps} />
      <SalesOverview overview={sales} period={period} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Recent orders</CardTitle>
          </CardHeader>
          <CardContent>
            {orders.length === 0 ? (
              <EmptyState title="No orders yet">
                Orders appear here as soon as a shopper checks out.
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
                        {o.customer.name} · {new Date(o.createdAt).toLocaleString('en')}
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
            <CardTitle>Payment providers</CardTitle>
          </CardHeader>
          <CardContent>
            {integrations.length === 0 ? (
              <EmptyState
                title="No provider yet"
                action={
                  <Link href="/integrations" className="text-sm font-medium underline">
                    Connect one
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
                        {i.mode === 'live' ? 'Live' : 'Test mode'}
                      </Badge>
                      {i.enabled ? null : <Badge>Disabled</Badge>}
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
