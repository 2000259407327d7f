import { Alert, Button, Card, CardContent, cn, EmptyState, Input } from '@prood/ui';
import { TRPCClientError } from '@trpc/client';
import Link from 'next/link';
import { type OrderRow, OrdersTable } from '../../../components/orders/orders-table';
import { PageHeader } from '../../../components/page-header';
import { loadPage } from '../../../server/trpc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Orders · prood' };

const VIEWS = [
  { id: 'all', label: 'All' },
  { id: 'paid', label: 'Paid' },
  { id: 'pending', label: 'Pending' },
  { id: 'needs_review', label: 'Needs review' },
  { id: 'refunded', label: 'Refunded' },
  { id: 'canceled', label: 'Canceled' },
] as const;
type View = (typeof VIEWS)[number]['id'];

const EMPTY: Record<View, string> = {
  all: 'Orders appear here as soon as a shopper checks out.',
  paid: 'No paid orders yet.',
  pending: 'No order is waiting for payment.',
  needs_review: 'Nothing needs your review.',
  refunded: 'No refunded orders.',
  canceled: 'No canceled orders.',
};

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** `/orders?view=…&q=…&cursor=…` with the parts that are set. */
function ordersHref(params: { view: View; q?: string | undefined; cursor?: string | undefined }) {
  const search = new URLSearchParams();
  if (params.view !== 'all') search.set('view', params.view);
  if (params.q) search.set('q', params.q);
  if (params.cursor) search.set('cursor', params.cursor);
  const query = search.toString();
  return query ? `/orders?${query}` : '/orders';
}

export default async function OrdersPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await props.searchParams;
  const requested = one(params.view);
  const view: View = VIEWS.some((v) => v.id === requested) ? (requested as View) : 'all';
  const q = (one(params.q) ?? '').trim().slice(0, 200);
  const cursor = one(params.cursor);
  const { page, staleCursor } = await loadPage(async (trpc) => {
    const input = { view, ...(q ? { search: q } : {}) };
    try {
      return {
        page: await trpc.orders.page.query({ ...input, ...(cursor ? { cursor } : {}) }),
        staleCursor: false,
      };
    } catch (error) {
      // a page link that was edited or cut short: show the first page and say so
      if (cursor && error instanceof TRPCClientError && error.data?.code === 'BAD_REQUEST') {
        return { page: await trpc.orders.page.query(input), staleCursor: true };
      }
      throw error;
    }
  });
  const orders: OrderRow[] = page.data;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Orders" description="Every order of your shop, newest first." />
      <nav aria-label="Order status">
        <ul className="flex flex-wrap gap-x-1 border-b border-border">
          {VIEWS.map((v) => (
            <li key={v.id}>
              <Link
                href={ordersHref({ view: v.id, q })}
                aria-current={v.id === view ? 'page' : undefined}
                className={cn(
                  '-mb-px block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium',
                  v.id === view
                    ? 'border-accent text-fg'
                    : 'border-transparent text-muted hover:text-fg',
                )}
              >
                {v.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <search>
        <form action="/orders" method="get" className="flex flex-wrap gap-2">
          {view === 'all' ? null : <input type="hidden" name="view" value={view} />}
          <label htmlFor="order-search" className="sr-only">
            Search orders
          </label>
          <Input
            id="order-search"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={200}
            placeholder="Id, #reference or email"
            className="min-w-0 flex-1 basis-56"
          />
          <Button type="submit" variant="secondary">
            Search
          </Button>
          {q ? (
            <Button asChild variant="ghost">
              <Link href={ordersHref({ view })}>Clear</Link>
            </Button>
          ) : null}
        </form>
      </search>
      {staleCursor ? (
        <Alert tone="warning">That page link is no longer valid: here are the newest orders.</Alert>
      ) : null}
      <Card>
        <CardContent className="px-2 py-2 sm:px-3">
          {orders.length === 0 ? (
            <EmptyState
              title={q ? `No orders match “${q}”` : 'No orders here'}
              className="m-2"
              action={
                q || view !== 'all' ? (
                  <Link href="/orders" className="text-sm font-medium underline">
                    Show all orders
                  </Link>
                ) : (
                  <Link href="/integrations/sandbox" className="text-sm font-medium underline">
                    How to pay a test order
                  </Link>
                )
              }
            >
              {q
                ? 'Search by an order id (ord_…), a reference (#…) or part of an email.'
                : EMPTY[view]}
            </EmptyState>
          ) : (
            <OrdersTable orders={orders} />
          )}
        </CardContent>
      </Card>
      {cursor || page.nextCursor ? (
        <nav aria-label="Pages" className="flex justify-between gap-2">
          {cursor ? (
            <Button asChild variant="secondary" size="sm">
              <Link href={ordersHref({ view, q })}>← Newest</Link>
            </Button>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Button asChild variant="secondary" size="sm">
              <Link href={ordersHref({ view, q, cursor: page.nextCursor })}>Older orders →</Link>
            </Button>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
