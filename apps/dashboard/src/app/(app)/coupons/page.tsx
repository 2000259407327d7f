import {
  Badge,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  EmptyState,
  formatMoney,
} from '@prood/ui';
import Link from 'next/link';
import { CreateCouponForm } from '../../../components/catalog/catalog-forms';
import { couponState, discountLabel } from '../../../components/catalog/catalog-labels';
import { PageHeader } from '../../../components/page-header';
import { loadPage } from '../../../server/trpc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Coupons · prood' };

export default async function CouponsPage() {
  const { organization, coupons } = await loadPage(async (trpc) => {
    const [organization, coupons] = await Promise.all([
      trpc.settings.organization.query(),
      trpc.settings.coupons.query(),
    ]);
    return { organization, coupons };
  });
  const canManage = organization.role === 'owner' || organization.role === 'admin';
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Coupons"
        description="Codes shoppers type at checkout for a discount; a use counts once its order is paid."
      />
      <Card>
        <CardContent className="px-2 py-2 sm:px-3">
          {coupons.length === 0 ? (
            <EmptyState title="No coupons yet" className="m-2">
              {canManage
                ? 'Create one below, then share its code with your shoppers.'
                : 'An owner or admin can create one.'}
            </EmptyState>
          ) : (
            <ul aria-label="Coupons" className="divide-y divide-border">
              {coupons.map((coupon) => {
                const state = couponState(coupon);
                return (
                  <li
                    key={coupon.id}
                    className="flex flex-col gap-1 px-2 py-3 sm:flex-row sm:items-center sm:gap-4"
                  >
                    <div className="min-w-0 flex-1">
                      <Link
                        href={`/coupons/${coupon.id}`}
                        className="break-all font-mono text-sm font-medium underline-offset-4 hover:underline"
                      >
                        {coupon.code}
                      </Link>
                      <p className="text-sm text-muted">
                        {discountLabel(coupon)}
                        {coupon.minOrderAmount !== null && coupon.currency
                          ? ` · from ${formatMoney(coupon.minOrderAmount, coupon.currency, 'en')}`
                          : ''}
                        {coupon.oncePerCustomer ? ' · once per customer' : ''}
                      </p>
                    </div>
                    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
                      <Badge tone={state.tone}>{state.label}</Badge>
                      <span className="tabular-nums">
                        {coupon.timesUsed}
                        {coupon.maxUses !== null ? ` / ${coupon.maxUses}` : ''} used
                      </span>
                    </div>
                  </li>
                );
              })}
            </ul>
          )}
        </CardContent>
      </Card>
      {canManage ? (
        <Card>
          <CardHeader>
            <CardTitle>Create coupon</CardTitle>
            <CardDescription>
              A percentage works in every currency; a fixed amount and a minimum are in one.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <CreateCouponForm currency={organization.defaultCurrency} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
