import { Card, CardContent, CardDescription, CardHeader, CardTitle, EmptyState } from '@prood/ui';
import Link from 'next/link';
import { EventTime } from '../../../../components/event-time';
import { PageHeader } from '../../../../components/page-header';
import {
  AdminsOnly,
  attemptsLabel,
  DeliveryStatusBadge,
  EVENT_TYPE_HINTS,
  formatCount,
  JsonBlock,
} from '../../../../components/webhook-ui';
import { loadWebhookPage } from '../../../../server/webhook-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Event · prood' };

export default async function EventPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const data = await loadWebhookPage(async (trpc) => {
    const [event, deliveries, endpoints] = await Promise.all([
      trpc.webhooks.getEvent.query({ id }),
      trpc.webhooks.listDeliveries.query({ eventId: id, limit: 100 }),
      trpc.webhooks.listEndpoints.query(),
    ]);
    return { event, deliveries, endpoints };
  });
  if (data.admin === null) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title="Event" />
        <AdminsOnly organizationName={data.organizationName} />
      </div>
    );
  }
  const { event, deliveries, endpoints } = data.admin;
  const urlOf = new Map(endpoints.map((e) => [e.id, e.url]));
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Link href="/events" className="text-sm text-muted underline underline-offset-4">
          ← Events
        </Link>
        <PageHeader
          title={<span className="break-all font-mono text-xl">{event.type}</span>}
          description={EVENT_TYPE_HINTS[event.type]}
        />
        <p className="flex flex-wrap gap-x-3 text-sm text-muted">
          <code className="break-all font-mono text-xs">{event.id}</code>
          <span>#{formatCount(event.sequence)}</span>
          <EventTime value={event.created} />
          <span>API version {event.apiVersion}</span>
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Sent to</CardTitle>
          <CardDescription>One delivery per endpoint that listens to {event.type}.</CardDescription>
        </CardHeader>
        <CardContent>
          {deliveries.data.length === 0 ? (
            <EmptyState title="Not sent anywhere">
              No endpoint listened to this event type when it happened.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-border" aria-label="Deliveries">
              {deliveries.data.map((d) => (
                <li key={d.id}>
                  <Link
                    href={`/webhooks/deliveries/${d.id}`}
                    className="flex flex-col gap-1 py-3 hover:bg-subtle sm:flex-row sm:items-center sm:gap-4"
                  >
                    <span className="flex min-w-0 flex-1 flex-wrap items-center gap-2">
                      <DeliveryStatusBadge status={d.status} />
                      <span className="break-all font-mono text-sm">
                        {urlOf.get(d.endpointId) ?? d.endpointId}
                      </span>
                    </span>
                    <span className="text-sm text-muted">{attemptsLabel(d.attemptCount)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Payload</CardTitle>
          <CardDescription>
            Exactly what webhooks carry and GET /v1/events/{'{id}'} returns.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <JsonBlock json={JSON.stringify(event, null, 2)} label="Payload" />
        </CardContent>
      </Card>
    </div>
  );
}
