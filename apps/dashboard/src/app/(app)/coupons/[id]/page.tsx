import { Badge, formatMoney } from '@prood/ui';
import Link from 'next/link';
import { DeactivateCouponButton } from '../../../../components/catalog/catalog-forms';
import { couponState, discountLabel } from '../../../../components/catalog/catalog-labels';
import { DetailList } from '../../../../components/catalog/detail-list';
import { EventTime } from '../../../../components/event-time';
import { PageHeader } from '../../../../components/page-header';
import { loadPage } from '../../../../server/trpc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Coupon · prood' };

export default async function CouponPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { coupon, canManage } = await loadPage(async (trpc) => {
    const [organization, coupon] = await Promise.all([
      trpc.settings.organization.query(),
      trpc.settings.coupon.query({ id }),
    ]);
    return { coupon, canManage: organization.role === 'owner' || organization.role === 'admin' };
  });
  const state = couponState(coupon);
  const rows: Array<[string, React.ReactNode]> = [
    ['Discount', discountLabel(coupon)],
    [
      'Minimum order',
      coupon.minOrderAmount !== null && coupon.currency
        ? formatMoney(coupon.minOrderAmount, coupon.currency, 'en')
        : 'None',
    ],
    ['Used', `${coupon.timesUsed}${coupon.maxUses !== null ? ` of ${coupon.maxUses}` : ''} times`],
    ['Once per customer', coupon.oncePerCustomer ? 'Yes' : 'No'],
    ['Expires', coupon.expiresAt ? <EventTime value={coupon.expiresAt.toISOString()} /> : 'Never'],
    ['Created', <EventTime key="created" value={coupon.createdAt.toISOString()} />],
  ];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            <span className="break-all font-mono">{coupon.code}</span>
            <Badge tone={state.tone}>{state.label}</Badge>
          </span>
        }
        description={<span className="break-all font-mono">{coupon.id}</span>}
        actions={
          <>
            <Link
              href="/coupons"
              className="self-center text-sm font-medium underline underline-offset-4"
            >
              All coupons
            </Link>
            {canManage && coupon.active ? (
              <DeactivateCouponButton id={coupon.id} code={coupon.code} />
            ) : null}
          </>
        }
      />
      <DetailList rows={rows} />
    </div>
  );
}
