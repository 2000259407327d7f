import { Badge, formatMoney } from '@prood/ui';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CreateCouponForm } from '../../../components/catalog/catalog-forms';
import { couponState, discountLabel } from '../../../components/catalog/catalog-labels';
import {
  CatalogListPage,
  firstParam,
  loadKeysetPage,
} from '../../../components/catalog/catalog-list-page';
import { loadPage } from '../../../server/trpc';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('coupons'))('metaTitle') };
}

export default async function CouponsPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const cursor = firstParam((await props.searchParams).cursor);
  const { organization, page, staleCursor } = await loadPage(async (trpc) => {
    const [organization, coupons] = await Promise.all([
      trpc.settings.organization.query(),
      loadKeysetPage(cursor, (at) => trpc.settings.coupons.query(at ? { cursor: at } : {})),
    ]);
    return { organization, ...coupons };
  });
  const [t, tc] = await Promise.all([getTranslations('coupons'), getTranslations('catalog')]);
  const canManage = organization.role === 'owner' || organization.role === 'admin';
  return (
    <CatalogListPage
      namespace="coupons"
      path="/coupons"
      page={page}
      cursor={cursor}
      staleCursor={staleCursor}
      form={canManage ? <CreateCouponForm currency={organization.defaultCurrency} /> : null}
      renderRow={(coupon) => {
        const state = couponState(tc, coupon);
        const details = [
          discountLabel(tc, coupon),
          coupon.minOrderAmount !== null && coupon.currency
            ? t('minimum', { amount: formatMoney(coupon.minOrderAmount, coupon.currency, 'en') })
            : null,
          coupon.oncePerCustomer ? t('oncePerCustomer') : null,
        ];
        return (
          <div className="flex flex-col gap-1 px-2 py-3 sm:flex-row sm:items-center sm:gap-4">
            <div className="min-w-0 flex-1">
              <Link
                href={`/coupons/${coupon.id}`}
                className="break-all font-mono text-sm font-medium underline-offset-4 hover:underline"
              >
                {coupon.code}
              </Link>
              <p className="text-sm text-muted">{details.filter(Boolean).join(' · ')}</p>
            </div>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
              <Badge tone={state.tone}>{state.label}</Badge>
              <span className="tabular-nums">
                {t('used', { used: coupon.timesUsed, max: coupon.maxUses ?? 'none' })}
              </span>
            </div>
          </div>
        );
      }}
    />
  );
}
