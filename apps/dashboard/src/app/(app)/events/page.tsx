import { Card, CardContent, CardDescription, CardHeader, CardTitle, EmptyState } from '@prood/ui';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { EventTime } from '../../../components/event-time';
import { PageHeader } from '../../../components/page-header';
import {
  AdminsOnly,
  EventTypeHint,
  EventTypeSelect,
  FilterForm,
  Pager,
  parsePageCursor,
} from '../../../components/webhook-ui';
import { loadWebhookPage } from '../../../server/webhook-page';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  const t = await getTranslations('events.meta');
  return { title: t('list') };
}

export default async function EventsPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await props.searchParams;
  const cursor = parsePageCursor(query, 'evt');
  const type = Array.isArray(query.type) ? null : query.type || undefined;
  if (cursor === null || type === null) notFound();
  const data = await loadWebhookPage(async (trpc) => {
    const [eventTypes, events] = await Promise.all([
      trpc.webhooks.eventTypes.query(),
      trpc.webhooks.listEvents.query({
        type: type === undefined ? undefined : [type as never],
        startingAfter: cursor.after,
        limit: 25,
      }),
    ]);
    return { eventTypes, events };
  });
  const t = await getTranslations('events.list');
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('title')} description={t('description')} />
      {data.admin === null ? (
        <AdminsOnly organizationName={data.organizationName} />
      ) : (
        <Card>
          <CardHeader>
            <CardTitle>{t('cardTitle')}</CardTitle>
            <CardDescription>{t('cardDescription')}</CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <FilterForm clearHref={type ? '/events' : null} className="sm:grid-cols-[1fr_auto]">
              <EventTypeSelect eventTypes={data.admin.eventTypes} value={type} />
            </FilterForm>
            {data.admin.events.data.length === 0 && cursor.after ? (
              <EmptyState title={t('noMoreTitle')}>{t('noMoreBody')}</EmptyState>
            ) : data.admin.events.data.length === 0 ? (
              <EmptyState title={type ? t('noMatchTitle') : t('emptyTitle')}>
                {type ? t('noMatchBody') : t('emptyBody')}
              </EmptyState>
            ) : (
              <ul className="divide-y divide-border" aria-label={t('label')}>
                {data.admin.events.data.map((event) => (
                  <li key={event.id}>
                    <Link
                      href={`/events/${event.id}`}
                      className="flex flex-col gap-1 py-3 hover:bg-subtle sm:flex-row sm:items-center sm:gap-4"
                    >
                      <span className="min-w-0 flex-1">
                        <code className="break-all font-mono text-sm font-medium">
                          {event.type}
                        </code>
                        <span className="block text-sm text-muted">
                          <EventTypeHint type={event.type} />
                        </span>
                      </span>
                      <span className="flex flex-wrap gap-x-3 text-sm text-muted">
                        <span>{t('sequence', { sequence: event.sequence })}</span>
                        <EventTime value={event.created} />
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            <Pager
              path="/events"
              filters={{ type }}
              cursor={cursor}
              lastId={data.admin.events.data.at(-1)?.id}
              hasMore={data.admin.events.hasMore}
              label={t('pagesLabel')}
            />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
