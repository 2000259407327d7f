import {
  Badge,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  EmptyState,
} from '@prood/ui';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import {
  AddPriceForm,
  ArchivePriceButton,
  EditProductForm,
  ProductActiveToggle,
} from '../../../../components/catalog/catalog-forms';
import { priceLabel } from '../../../../components/catalog/catalog-labels';
import { PageHeader } from '../../../../components/page-header';
import { loadPage } from '../../../../server/trpc';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  return { title: (await getTranslations('products'))('detail.metaTitle') };
}

export default async function ProductPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const { product, organization } = await loadPage(async (trpc) => {
    const [organization, product] = await Promise.all([
      trpc.settings.organization.query(),
      trpc.catalog.get.query({ id }),
    ]);
    return { organization, product };
  });
  const canManage = organization.role === 'owner' || organization.role === 'admin';
  const [t, tc] = await Promise.all([getTranslations('products'), getTranslations('catalog')]);
  const prices = [...product.prices].sort((a, b) => Number(b.active) - Number(a.active));
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {product.name}
            <Badge tone={product.active ? 'success' : 'neutral'}>
              {product.active ? t('onSale') : t('archived')}
            </Badge>
          </span>
        }
        description={<span className="break-all font-mono">{product.id}</span>}
        actions={
          <>
            <Link
              href="/products"
              className="self-center text-sm font-medium underline underline-offset-4"
            >
              {t('detail.all')}
            </Link>
            {canManage ? (
              <ProductActiveToggle id={product.id} name={product.name} active={product.active} />
            ) : null}
          </>
        }
      />
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t('detail.pricesTitle')}</CardTitle>
            <CardDescription>{t('detail.pricesDescription')}</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-6">
            {prices.length === 0 ? (
              <EmptyState title={t('detail.noPricesTitle')}>{t('detail.noPricesBody')}</EmptyState>
            ) : (
              <ul aria-label={t('detail.pricesLabel')} className="divide-y divide-border">
                {prices.map((price) => (
                  <li
                    key={price.id}
                    className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3"
                  >
                    <div className="min-w-0">
                      <p className="font-medium tabular-nums">{priceLabel(tc, price)}</p>
                      <p className="break-all text-sm text-muted">
                        {price.type === 'recurring' ? t('detail.recurring') : t('detail.oneOff')} ·{' '}
                        {price.taxBehavior === 'inclusive'
                          ? t('detail.taxIncluded')
                          : t('detail.plusTax')}{' '}
                        · <span className="font-mono">{price.id}</span>
                      </p>
                    </div>
                    {price.active ? (
                      canManage ? (
                        <ArchivePriceButton id={price.id} label={priceLabel(tc, price)} />
                      ) : (
                        <Badge tone="success">{t('detail.active')}</Badge>
                      )
                    ) : (
                      <Badge>{t('detail.archived')}</Badge>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {canManage ? (
              <div className="flex flex-col gap-3 border-t border-border pt-6">
                <h3 className="text-base font-semibold">{t('detail.addPrice')}</h3>
                <AddPriceForm productId={product.id} currency={organization.defaultCurrency} />
              </div>
            ) : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t('detail.detailsTitle')}</CardTitle>
          </CardHeader>
          <CardContent>
            {canManage ? (
              <EditProductForm
                id={product.id}
                values={{
                  name: product.name,
                  description: product.description,
                  imageUrl: product.imageUrl,
                  fulfillmentMethods: product.fulfillmentMethods,
                  trackStock: product.trackStock,
                  stock: product.stock,
                }}
              />
            ) : (
              <dl className="grid gap-3 text-sm">
                <div>
                  <dt className="text-muted">{t('detail.description')}</dt>
                  <dd className="break-words">{product.description ?? t('detail.none')}</dd>
                </div>
                <div>
                  <dt className="text-muted">{t('detail.image')}</dt>
                  <dd className="break-all">{product.imageUrl ?? t('detail.none')}</dd>
                </div>
                <div>
                  <dt className="text-muted">{t('detail.delivery')}</dt>
                  <dd>
                    {product.fulfillmentMethods.map((m) => tc(`fulfillment.${m}.label`)).join(', ')}
                  </dd>
                </div>
                <div>
                  <dt className="text-muted">{t('detail.stock')}</dt>
                  <dd>
                    {product.trackStock
                      ? t('inStock', { count: product.stock ?? 0 })
                      : t('unlimited')}
                  </dd>
                </div>
              </dl>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
