import { Badge, formatMoney } from '@prood/ui';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { DeactivateCouponButton } from '../../../../components/catalog/catalog-forms';
import { couponState, discountLabel } from '../../../../components/catalog/catalog-labels';
import { DetailList } from '../../../../components/catalog/detail-list';
import { EventTime } from '../../../../components/event-time';
import { PageHeader } from '../../../../components/page-header';
import { loadPage } from '../../../../server/trpc';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  return { title: (await getTranslations('coupons'))('detail.metaTitle') };
}

export default async function CouponPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { coupon, canManage } = await loadPage(async (trpc) => {
    const [organization, coupon] = await Promise.all([
      trpc.settings.organization.query(),
      trpc.settings.coupon.query({ id }),
    ]);
    return { coupon, canManage: organization.role === 'owner' || organization.role === 'admin' };
  });
  const [t, tc] = await Promise.all([getTranslations('coupons'), getTranslations('catalog')]);
  const state = couponState(tc, coupon);
  const rows: Array<[string, React.ReactNode]> = [
    [t('detail.discount'), discountLabel(tc, coupon)],
    [
      t('detail.minimum'),
      coupon.minOrderAmount !== null && coupon.currency
        ? formatMoney(coupon.minOrderAmount, coupon.currency, 'en')
        : t('detail.none'),
    ],
    [
      t('detail.used'),
      t('detail.usedTimes', { used: coupon.timesUsed, max: coupon.maxUses ?? 'none' }),
    ],
    [t('detail.oncePerCustomer'), coupon.oncePerCustomer ? t('detail.yes') : t('detail.no')],
    [
      t('detail.expires'),
      coupon.expiresAt ? <EventTime value={coupon.expiresAt.toISOString()} /> : t('detail.never'),
    ],
    [t('detail.created'), <EventTime key="created" value={coupon.createdAt.toISOString()} />],
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
              {t('detail.all')}
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
