import { Card, CardContent, CardDescription, CardHeader, CardTitle, EmptyState } from '@prood/ui';
import { notFound } from 'next/navigation';
import { PageHeader } from '../../../../components/page-header';
import {
  isResultFilter,
  ProviderEventFilters,
  ProviderLogRow,
  RESULT_FILTERS,
} from '../../../../components/provider-events';
import { FilterForm, Pager, parsePageCursor } from '../../../../components/webhook-ui';
import { loadPage } from '../../../../server/trpc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Provider events · prood' };

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
  const resultLabel = RESULT_FILTERS.find((r) => r.id === result)?.label.toLowerCase();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Provider events"
        description="Every webhook your payment providers sent, newest first: whether its signature held, what it did to which order, and what arrived."
      />
      <Card>
        <CardHeader>
          <CardTitle>Received webhooks</CardTitle>
          <CardDescription>
            Open an event to see its payload and effect. Refused deliveries are counted per minute;
            their bodies are never kept.
          </CardDescription>
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
            <EmptyState title="No more events">
              Go back to the previous page for newer ones.
            </EmptyState>
          ) : log.data.length === 0 ? (
            <EmptyState
              title={filtered ? 'No events match these filters' : 'No provider events yet'}
            >
              {filtered
                ? `Nothing ${resultLabel ? `${resultLabel} ` : ''}${type ? `of type ${type} ` : ''}was received. Try other filters.`
                : 'Webhooks appear here once a provider sends one, e.g. when a shopper pays. Connect a provider under Integrations.'}
            </EmptyState>
          ) : (
            <ul className="divide-y divide-border" aria-label="Provider events">
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
            label="Provider event pages"
          />
        </CardContent>
      </Card>
    </div>
  );
}
