import { Alert, Button, Card, CardContent, cn, EmptyState, Input, Select } from '@prood/ui';
import { TRPCClientError } from '@trpc/client';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { type OrderRow, OrdersTable } from '../../../components/orders/orders-table';
import { TimeZoneInput } from '../../../components/orders/time-zone-input';
import { PageHeader } from '../../../components/page-header';
import { loadPage } from '../../../server/trpc';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  return { title: (await getTranslations('orders'))('metaTitle') };
}

const VIEWS = [
  { id: 'all' },
  { id: 'paid' },
  { id: 'pending' },
  { id: 'needs_review' },
  { id: 'refunded' },
  { id: 'canceled' },
] as const;
type View = (typeof VIEWS)[number]['id'];

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// the providers come from the API's registry; the URL's value is only checked for shape here
const PROVIDER = /^[a-z][a-z0-9_-]{0,39}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ZONE = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/** The list's filters as the URL carries them; anything malformed is left out. */
interface Filters {
  view: View;
  q?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  provider?: string | undefined;
  tz?: string | undefined;
}

function readFilters(params: Record<string, string | string[] | undefined>): Filters {
  const requested = one(params.view);
  const day = (value: string | undefined) => (value && DAY.test(value) ? value : undefined);
  const provider = one(params.provider);
  const tz = one(params.tz);
  return {
    view: VIEWS.some((v) => v.id === requested) ? (requested as View) : 'all',
    q: (one(params.q) ?? '').trim().slice(0, 200) || undefined,
    from: day(one(params.from)),
    to: day(one(params.to)),
    provider: provider && PROVIDER.test(provider) ? provider : undefined,
    tz: tz && ZONE.test(tz) ? tz : undefined,
  };
}

/** `/orders?…` with the filters that are set (and a page cursor), the list's one URL shape. */
function ordersHref(filters: Filters, cursor?: string) {
  const search = new URLSearchParams();
  if (filters.view !== 'all') search.set('view', filters.view);
  for (const key of ['q', 'from', 'to', 'provider', 'tz'] as const) {
    const value = filters[key];
    if (value) search.set(key, value);
  }
  if (cursor) search.set('cursor', cursor);
  const query = search.toString();
  return query ? `/orders?${query}` : '/orders';
}

/** The API's filter input for the URL's filters, less the provider (checked against the registry first). */
function apiFilters(filters: Filters) {
  return {
    view: filters.view,
    ...(filters.q ? { search: filters.q } : {}),
    ...(filters.from ? { createdFrom: filters.from } : {}),
    ...(filters.to ? { createdTo: filters.to } : {}),
    ...(filters.tz && (filters.from || filters.to) ? { timeZone: filters.tz } : {}),
  };
}

function exportHref(filters: Filters) {
  const search = new URLSearchParams(apiFilters(filters));
  if (filters.provider) search.set('provider', filters.provider);
  return `/api/orders/export?${search}`;
}

export default async function OrdersPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await props.searchParams;
  const filters = readFilters(params);
  const rangeBackwards = Boolean(filters.from && filters.to && filters.from > filters.to);
  if (rangeBackwards) filters.to = undefined;
  const { q, view } = filters;
  const cursor = one(params.cursor);
  const { page, staleCursor, providers } = await loadPage(async (trpc) => {
    const providers = await trpc.orders.providers.query();
    // a provider the registry does not know is no filter at all
    const provider = providers.find((p) => p.id === filters.provider)?.id;
    filters.provider = provider;
    const input = { ...apiFilters(filters), ...(provider ? { provider } : {}) };
    try {
      return {
        page: await trpc.orders.page.query({ ...input, ...(cursor ? { cursor } : {}) }),
        staleCursor: false,
        providers,
      };
    } catch (error) {
      // a page link that was edited or cut short: show the first page and say so
      if (cursor && error instanceof TRPCClientError && error.data?.code === 'BAD_REQUEST') {
        return { page: await trpc.orders.page.query(input), staleCursor: true, providers };
      }
      throw error;
    }
  });
  const filtered = Boolean(q || filters.from || filters.to || filters.provider);
  const t = await getTranslations('orders');
  const orders: OrderRow[] = page.data;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Button asChild variant="secondary">
            <a href={exportHref(filters)} download data-testid="export-csv">
              {t('exportCsv')}
            </a>
          </Button>
        }
      />
      <nav aria-label={t('views.label')}>
        <ul className="flex flex-wrap gap-x-1 border-b border-border">
          {VIEWS.map((v) => (
            <li key={v.id}>
              <Link
                href={ordersHref({ ...filters, view: v.id })}
                aria-current={v.id === view ? 'page' : undefined}
                className={cn(
                  '-mb-px block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium',
                  v.id === view
                    ? 'border-accent text-fg'
                    : 'border-transparent text-muted hover:text-fg',
                )}
              >
                {t(`views.${v.id}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <search>
        {/* keyed by the filters: a client-side move to other filters (Clear, a tab) shows them, */}
        {/* where uncontrolled fields would keep what was typed before */}
        <form
          key={ordersHref(filters)}
          action="/orders"
          method="get"
          className="flex flex-wrap items-end gap-x-2 gap-y-3"
          data-testid="order-filters"
        >
          {view === 'all' ? null : <input type="hidden" name="view" value={view} />}
          <div className="flex min-w-0 flex-1 basis-64 flex-col gap-1.5">
            <label htmlFor="order-search" className="text-sm font-medium">
              {t('filters.search')}
            </label>
            <Input
              id="order-search"
              name="q"
              type="search"
              defaultValue={q}
              maxLength={200}
              placeholder={t('filters.searchPlaceholder')}
            />
          </div>
          <div className="flex basis-36 flex-col gap-1.5 max-sm:flex-1">
            <label htmlFor="order-from" className="text-sm font-medium">
              {t('filters.from')}
            </label>
            <Input id="order-from" name="from" type="date" defaultValue={filters.from} />
          </div>
          <div className="flex basis-36 flex-col gap-1.5 max-sm:flex-1">
            <label htmlFor="order-to" className="text-sm font-medium">
              {t('filters.to')}
            </label>
            <Input
              id="order-to"
              name="to"
              type="date"
              defaultValue={filters.to}
              aria-invalid={rangeBackwards || undefined}
              aria-describedby={rangeBackwards ? 'order-to-error' : undefined}
            />
          </div>
          <div className="flex basis-36 flex-col gap-1.5 max-sm:flex-1">
            <label htmlFor="order-provider" className="text-sm font-medium">
              {t('filters.provider')}
            </label>
            <Select id="order-provider" name="provider" defaultValue={filters.provider ?? ''}>
              <option value="">{t('filters.allProviders')}</option>
              {providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex gap-2">
            <Button type="submit" variant="secondary">
              {t('filters.apply')}
            </Button>
            {filtered ? (
              <Button asChild variant="ghost">
                <Link href={ordersHref({ view })}>{t('filters.clear')}</Link>
              </Button>
            ) : null}
          </div>
          {rangeBackwards ? (
            <p id="order-to-error" className="basis-full text-sm text-danger" role="alert">
              {t('filters.rangeBackwards')}
            </p>
          ) : null}
          <TimeZoneInput initial={filters.tz ?? 'UTC'} />
        </form>
      </search>
      {staleCursor ? <Alert tone="warning">{t('staleCursor')}</Alert> : null}
      <Card>
        <CardContent className="px-2 py-2 sm:px-3">
          {orders.length === 0 ? (
            <EmptyState
              title={
                q
                  ? t('empty.noMatch', { query: q })
                  : filtered
                    ? t('empty.noFilterMatch')
                    : t('empty.none')
              }
              className="m-2"
              action={
                filtered || view !== 'all' ? (
                  <Link href="/orders" className="text-sm font-medium underline">
                    {t('empty.showAll')}
                  </Link>
                ) : (
                  <Link href="/integrations/sandbox" className="text-sm font-medium underline">
                    {t('empty.howToPay')}
                  </Link>
                )
              }
            >
              {q
                ? t('empty.searchHint')
                : filtered
                  ? t('empty.filterHint')
                  : t(`emptyView.${view}`)}
            </EmptyState>
          ) : (
            <OrdersTable orders={orders} />
          )}
        </CardContent>
      </Card>
      {cursor || page.nextCursor ? (
        <nav aria-label={t('pages')} className="flex justify-between gap-2">
          {cursor ? (
            <Button asChild variant="secondary" size="sm">
              <Link href={ordersHref(filters)}>{t('newest')}</Link>
            </Button>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Button asChild variant="secondary" size="sm">
              <Link href={ordersHref(filters, page.nextCursor)}>{t('older')}</Link>
            </Button>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
