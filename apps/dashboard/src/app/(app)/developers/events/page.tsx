import { Card, CardContent, CardDescription, CardHeader, CardTitle, EmptyState } from '@prood/ui';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '../../../../components/page-header';
import {
  isResultFilter,
  ProviderEventFilters,
  ProviderLogRow,
} from '../../../../components/provider-events';
import { FilterForm, Pager, parsePageCursor } from '../../../../components/webhook-ui';
import { loadPage } from '../../../../server/trpc';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  const t = await getTranslations('developers.providerEvents.meta');
  return { title: t('list') };
}

const single = (value: string | string[] | undefined) =>
  Array.isArray(value) ? null : value || undefined;

export default async function ProviderEventsPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await props.searchParams;
  const cursor = parsePageCursor(query, 'evt|whr');
  const type = single(query.type);
  const result = single(query.result);
  if (cursor === null || type === null || result === null) notFound();
  if (result !== undefined && !isResultFilter(result)) notFound();
  if (type !== undefined && type.length > 100) notFound();
  const { types, log } = await loadPage(async (trpc) => {
    const [types, log] = await Promise.all([
      trpc.providerEvents.types.query(),
      trpc.providerEvents.list.query({
        type,
        result,
        startingAfter: cursor.after,
        limit: 25,
      }),
    ]);
    return { types, log };
  });
  const filtered = Boolean(type || result);
  const t = await getTranslations('developers.providerEvents.list');
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('title')} description={t('description')} />
      <Card>
        <CardHeader>
          <CardTitle>{t('cardTitle')}</CardTitle>
          <CardDescription>{t('cardDescription')}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <FilterForm
            clearHref={filtered ? '/developers/events' : null}
            className="sm:grid-cols-[1fr_1fr_auto]"
          >
            {/* keyed by the filters: a new URL (e.g. after Clear) remounts the selects with its values */}
            <ProviderEventFilters
              key={`${type ?? ''}|${result ?? ''}`}
              types={types}
              type={type}
              result={result}
            />
          </FilterForm>
          {log.data.length === 0 && cursor.after ? (
            <EmptyState title={t('noMoreTitle')}>{t('noMoreBody')}</EmptyState>
          ) : log.data.length === 0 ? (
            <EmptyState title={filtered ? t('noMatchTitle') : t('emptyTitle')}>
              {filtered
                ? t('noMatchBody', {
                    result: result ?? 'any',
                    hasType: type ? 'yes' : 'no',
                    type: type ?? '',
                  })
                : t.rich('emptyBody', {
                    link: (chunks) => (
                      <Link href="/integrations" className="underline underline-offset-4">
                        {chunks}
                      </Link>
                    ),
                  })}
            </EmptyState>
          ) : (
            <ul className="divide-y divide-border" aria-label={t('label')}>
              {log.data.map((entry) => (
                <li key={entry.id}>
                  <ProviderLogRow entry={entry} />
                </li>
              ))}
            </ul>
          )}
          <Pager
            path="/developers/events"
            filters={{ type, result }}
            cursor={cursor}
            lastId={log.data.at(-1)?.id}
            hasMore={log.hasMore}
            label={t('pagesLabel')}
          />
        </CardContent>
      </Card>
    </div>
  );
}
