import { Card, CardContent, CardDescription, CardHeader, CardTitle, EmptyState } from '@prood/ui';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EventTime } from '../../../components/event-time';
import { PageHeader } from '../../../components/page-header';
import {
  AdminsOnly,
  EVENT_TYPE_HINTS,
  EventTypeSelect,
  FilterForm,
  formatCount,
  Pager,
  parsePageCursor,
} from '../../../components/webhook-ui';
import { loadWebhookPage } from '../../../server/webhook-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Events · prood' };

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
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Events"
        description="Everything that happened in your account, newest first: what your webhooks send and GET /v1/events returns."
      />
      {data.admin === null ? (
        <AdminsOnly organizationName={data.organizationName} />
      ) : (
        <Card>
          <CardHeader>
            <CardTitle>Event log</CardTitle>
            <CardDescription>
              Open an event to see its payload and where it was sent.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <FilterForm clearHref={type ? '/events' : null} className="sm:grid-cols-[1fr_auto]">
              <EventTypeSelect eventTypes={data.admin.eventTypes} value={type} />
            </FilterForm>
            {data.admin.events.data.length === 0 && cursor.after ? (
              <EmptyState title="No more events">
                Go back to the previous page for newer ones.
              </EmptyState>
            ) : data.admin.events.data.length === 0 ? (
              <EmptyState title={type ? 'No events of this type' : 'No events yet'}>
                {type
                  ? 'Try another event type.'
                  : 'Events appear here when orders are created, paid, refunded and more.'}
              </EmptyState>
            ) : (
              <ul className="divide-y divide-border" aria-label="Events">
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
                          {EVENT_TYPE_HINTS[event.type]}
                        </span>
                      </span>
                      <span className="flex flex-wrap gap-x-3 text-sm text-muted">
                        <span>#{formatCount(event.sequence)}</span>
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
              label="Event pages"
            />
          </CardContent>
        </Card>
      )}
    </div>
  );
}
