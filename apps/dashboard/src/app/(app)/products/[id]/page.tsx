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
import {
  AddPriceForm,
  ArchivePriceButton,
  EditProductForm,
  ProductActiveToggle,
} from '../../../../components/catalog/catalog-forms';
import { FULFILLMENT_LABELS, priceLabel } from '../../../../components/catalog/catalog-labels';
import { PageHeader } from '../../../../components/page-header';
import { loadPage } from '../../../../server/trpc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Product · prood' };

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
  const prices = [...product.prices].sort((a, b) => Number(b.active) - Number(a.active));
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {product.name}
            <Badge tone={product.active ? 'success' : 'neutral'}>
              {product.active ? 'On sale' : 'Archived'}
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
              All products
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
            <CardTitle>Prices</CardTitle>
            <CardDescription>
              An order buys one price. Archived prices stay on the orders that used them.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-6">
            {prices.length === 0 ? (
              <EmptyState title="No prices yet">
                Add one so storefronts and payment links can sell this product.
              </EmptyState>
            ) : (
              <ul aria-label="Prices" className="divide-y divide-border">
                {prices.map((price) => (
                  <li
                    key={price.id}
                    className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3"
                  >
                    <div className="min-w-0">
                      <p className="font-medium tabular-nums">{priceLabel(price)}</p>
                      <p className="break-all text-sm text-muted">
                        {price.type === 'recurring' ? 'Recurring' : 'One-off'} ·{' '}
                        {price.taxBehavior === 'inclusive' ? 'tax included' : 'plus tax'} ·{' '}
                        <span className="font-mono">{price.id}</span>
                      </p>
                    </div>
                    {price.active ? (
                      canManage ? (
                        <ArchivePriceButton id={price.id} label={priceLabel(price)} />
                      ) : (
                        <Badge tone="success">Active</Badge>
                      )
                    ) : (
                      <Badge>Archived</Badge>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {canManage ? (
              <div className="flex flex-col gap-3 border-t border-border pt-6">
                <h3 className="text-base font-semibold">Add a price</h3>
                <AddPriceForm productId={product.id} currency={organization.defaultCurrency} />
              </div>
            ) : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Details</CardTitle>
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
                  <dt className="text-muted">Description</dt>
                  <dd className="break-words">{product.description ?? '—'}</dd>
                </div>
                <div>
                  <dt className="text-muted">Image</dt>
                  <dd className="break-all">{product.imageUrl ?? '—'}</dd>
                </div>
                <div>
                  <dt className="text-muted">Delivery</dt>
                  <dd>
                    {product.fulfillmentMethods.map((m) => FULFILLMENT_LABELS[m].label).join(', ')}
                  </dd>
                </div>
                <div>
                  <dt className="text-muted">Stock</dt>
                  <dd>{product.trackStock ? `${product.stock ?? 0} in stock` : 'Unlimited'}</dd>
                </div>
              </dl>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
