import { Badge, Button, Card, CardContent, EmptyState } from '@prood/ui';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { priceLabel } from '../../../components/catalog/catalog-labels';
import { KeysetPager } from '../../../components/catalog/catalog-list-page';
import { PageHeader } from '../../../components/page-header';
import { loadPage } from '../../../server/trpc';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  return { title: (await getTranslations('products'))('metaTitle') };
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ProductsPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const cursor = one((await props.searchParams).cursor);
  const { page, canManage } = await loadPage(async (trpc) => {
    const [organization, page] = await Promise.all([
      trpc.settings.organization.query(),
      trpc.catalog.page.query(cursor ? { cursor } : {}),
    ]);
    return { page, canManage: organization.role === 'owner' || organization.role === 'admin' };
  });
  const [t, tc] = await Promise.all([getTranslations('products'), getTranslations('catalog')]);
  const newProduct = canManage ? (
    <Button asChild>
      <Link href="/products/new">{t('newProduct')}</Link>
    </Button>
  ) : null;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('title')} description={t('description')} actions={newProduct} />
      <Card>
        <CardContent className="px-2 py-2 sm:px-3">
          {page.data.length === 0 ? (
            <EmptyState
              title={cursor ? t('noMoreTitle') : t('emptyTitle')}
              className="m-2"
              action={
                cursor ? (
                  <Link href="/products" className="text-sm font-medium underline">
                    {tc('list.backToNewest')}
                  </Link>
                ) : (
                  newProduct
                )
              }
            >
              {cursor ? tc('list.pastTheEnd') : t('emptyBody')}
            </EmptyState>
          ) : (
            <ul aria-label={t('listLabel')} className="divide-y divide-border">
              <li
                aria-hidden
                className="hidden px-2 py-2 text-xs font-medium uppercase tracking-wide text-muted sm:grid sm:grid-cols-[1fr_7rem_12rem_7rem] sm:gap-4"
              >
                <span>{t('columns.name')}</span>
                <span>{t('columns.status')}</span>
                <span>{t('columns.prices')}</span>
                <span className="text-right">{t('columns.stock')}</span>
              </li>
              {page.data.map((product) => {
                const active = product.prices.filter((p) => p.active);
                return (
                  <li
                    key={product.id}
                    className="flex flex-col gap-1 px-2 py-3 sm:grid sm:grid-cols-[1fr_7rem_12rem_7rem] sm:items-center sm:gap-4"
                  >
                    <Link
                      href={`/products/${product.id}`}
                      className="min-w-0 break-words font-medium underline-offset-4 hover:underline"
                    >
                      {product.name}
                    </Link>
                    <span>
                      <Badge tone={product.active ? 'success' : 'neutral'}>
                        {product.active ? t('onSale') : t('archived')}
                      </Badge>
                    </span>
                    <span className="text-sm text-muted">
                      {active.length === 0
                        ? t('noActivePrice')
                        : active.length === 1
                          ? priceLabel(tc, active[0] as (typeof active)[number])
                          : t('morePrices', {
                              price: priceLabel(tc, active[0] as (typeof active)[number]),
                              count: active.length - 1,
                            })}
                    </span>
                    <span className="text-sm text-muted sm:text-right">
                      {product.trackStock
                        ? t('inStock', { count: product.stock ?? 0 })
                        : t('unlimited')}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </CardContent>
      </Card>
      <KeysetPager
        path="/products"
        cursor={cursor}
        nextCursor={page.nextCursor}
        olderLabel={t('older')}
      />
    </div>
  );
}
