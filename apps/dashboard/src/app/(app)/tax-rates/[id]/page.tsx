import { Badge } from '@prood/ui';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { DeactivateTaxRateButton } from '../../../../components/catalog/catalog-forms';
import { percentLabel } from '../../../../components/catalog/catalog-labels';
import { DetailList } from '../../../../components/catalog/detail-list';
import { EventTime } from '../../../../components/event-time';
import { PageHeader } from '../../../../components/page-header';
import { loadPage } from '../../../../server/trpc';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  return { title: (await getTranslations('taxRates'))('detail.metaTitle') };
}

export default async function TaxRatePage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { rate, canManage } = await loadPage(async (trpc) => {
    const [organization, rate] = await Promise.all([
      trpc.settings.organization.query(),
      trpc.settings.taxRate.query({ id }),
    ]);
    return { rate, canManage: organization.role === 'owner' || organization.role === 'admin' };
  });
  const [t, tc] = await Promise.all([getTranslations('taxRates'), getTranslations('catalog')]);
  const rows: Array<[string, React.ReactNode]> = [
    [t('detail.country'), rate.country],
    [t('detail.rate'), percentLabel(tc, rate.rateBps)],
    [
      t('detail.prices'),
      rate.inclusive ? t('detail.pricesInclusive') : t('detail.pricesExclusive'),
    ],
    [t('detail.created'), <EventTime key="created" value={rate.createdAt.toISOString()} />],
  ];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {rate.name}
            <Badge tone={rate.active ? 'success' : 'neutral'}>
              {rate.active ? tc('state.active') : tc('state.deactivated')}
            </Badge>
          </span>
        }
        description={<span className="break-all font-mono">{rate.id}</span>}
        actions={
          <>
            <Link
              href="/tax-rates"
              className="self-center text-sm font-medium underline underline-offset-4"
            >
              {t('detail.all')}
            </Link>
            {canManage && rate.active ? (
              <DeactivateTaxRateButton id={rate.id} name={rate.name} />
            ) : null}
          </>
        }
      />
      <DetailList rows={rows} />
    </div>
  );
}
