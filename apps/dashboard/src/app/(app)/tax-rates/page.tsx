import { Badge } from '@prood/ui';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CreateTaxRateForm } from '../../../components/catalog/catalog-forms';
import { percentLabel } from '../../../components/catalog/catalog-labels';
import {
  CatalogListPage,
  firstParam,
  loadKeysetPage,
} from '../../../components/catalog/catalog-list-page';
import { loadPage } from '../../../server/trpc';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('taxRates'))('metaTitle') };
}

export default async function TaxRatesPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const cursor = firstParam((await props.searchParams).cursor);
  const { organization, page, staleCursor } = await loadPage(async (trpc) => {
    const [organization, rates] = await Promise.all([
      trpc.settings.organization.query(),
      loadKeysetPage(cursor, (at) => trpc.settings.taxRates.query(at ? { cursor: at } : {})),
    ]);
    return { organization, ...rates };
  });
  const [t, tc] = await Promise.all([getTranslations('taxRates'), getTranslations('catalog')]);
  const canManage = organization.role === 'owner' || organization.role === 'admin';
  return (
    <CatalogListPage
      namespace="taxRates"
      path="/tax-rates"
      page={page}
      cursor={cursor}
      staleCursor={staleCursor}
      form={canManage ? <CreateTaxRateForm /> : null}
      renderRow={(rate) => (
        <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-2 py-3">
          <div className="min-w-0">
            <Link
              href={`/tax-rates/${rate.id}`}
              className="break-words font-medium underline-offset-4 hover:underline"
            >
              {rate.name}
            </Link>
            <p className="text-sm text-muted">
              {[
                rate.country,
                percentLabel(tc, rate.rateBps),
                rate.inclusive ? t('inclusive') : t('exclusive'),
              ].join(' · ')}
            </p>
          </div>
          <Badge tone={rate.active ? 'success' : 'neutral'}>
            {rate.active ? tc('state.active') : tc('state.deactivated')}
          </Badge>
        </div>
      )}
    />
  );
}
