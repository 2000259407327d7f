import { Badge, Button, Card, CardContent, EmptyState } from '@prood/ui';
import Link from 'next/link';
import { priceLabel } from '../../../components/catalog/catalog-labels';
import { PageHeader } from '../../../components/page-header';
import { loadPage } from '../../../server/trpc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Products · prood' };

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
  const newProduct = canManage ? (
    <Button asChild>
      <Link href="/products/new">New product</Link>
    </Button>
  ) : null;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Products"
        description="What your shop sells, with its prices. Storefronts list the ones on sale."
        actions={newProduct}
      />
      <Card>
        <CardContent className="px-2 py-2 sm:px-3">
          {page.data.length === 0 ? (
            <EmptyState
              title={cursor ? 'No more products' : 'No products yet'}
              className="m-2"
              action={
                cursor ? (
                  <Link href="/products" className="text-sm font-medium underline">
                    Back to the newest
                  </Link>
                ) : (
                  newProduct
                )
              }
            >
              {cursor
                ? 'This page is past the last product.'
                : 'Add a product with a price, then sell it through the API or a payment link.'}
            </EmptyState>
          ) : (
            <ul aria-label="Products" className="divide-y divide-border">
              <li
                aria-hidden
                className="hidden px-2 py-2 text-xs font-medium uppercase tracking-wide text-muted sm:grid sm:grid-cols-[1fr_7rem_12rem_7rem] sm:gap-4"
              >
                <span>Name</span>
                <span>Status</span>
                <span>Prices</span>
                <span className="text-right">Stock</span>
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
                        {product.active ? 'On sale' : 'Archived'}
                      </Badge>
                    </span>
                    <span className="text-sm text-muted">
                      {active.length === 0
                        ? 'No active price'
                        : `${priceLabel(active[0] as (typeof active)[number])}${
                            active.length > 1 ? ` +${active.length - 1} more` : ''
                          }`}
                    </span>
                    <span className="text-sm text-muted sm:text-right">
                      {product.trackStock ? `${product.stock ?? 0} in stock` : 'Unlimited'}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </CardContent>
      </Card>
      {cursor || page.nextCursor ? (
        <nav aria-label="Pages" className="flex justify-between gap-2">
          {cursor ? (
            <Button asChild variant="secondary" size="sm">
              <Link href="/products">← Newest</Link>
            </Button>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Button asChild variant="secondary" size="sm">
              <Link href={`/products?cursor=${page.nextCursor}`}>Older products →</Link>
            </Button>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
