import { Card, CardContent, CardDescription, CardHeader, CardTitle, EmptyState } from '@prood/ui';
import Link from 'next/link';
import { EventTime } from '../../../components/event-time';
import { PageHeader } from '../../../components/page-header';
import { CreateEndpointForm } from '../../../components/webhook-forms';
import {
  AdminsOnly,
  EndpointStatusBadge,
  eventTypesSummary,
  ModeBadge,
} from '../../../components/webhook-ui';
import { loadWebhookPage } from '../../../server/webhook-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Webhooks · prood' };

export default async function WebhooksPage() {
  const data = await loadWebhookPage(async (trpc) => {
    const [endpoints, eventTypes, me] = await Promise.all([
      trpc.webhooks.listEndpoints.query(),
      trpc.webhooks.eventTypes.query(),
      trpc.account.me.query(),
    ]);
    return { endpoints, eventTypes, emailVerified: me.user.emailVerified };
  });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Webhooks"
        description="Your servers hear about paid orders, refunds and more the moment they happen, signed so they can trust it."
        actions={
          <Link href="/events" className="text-sm font-medium underline underline-offset-4">
            Event log
          </Link>
        }
      />
      {data.admin === null ? (
        <AdminsOnly organizationName={data.organizationName} />
      ) : (
        <>
          <Card>
            <CardHeader>
              <CardTitle>Endpoints</CardTitle>
              <CardDescription>
                Each endpoint gets the events it asks for, signed per the Standard Webhooks spec
                with its own secret, and retried for three days until it answers 2xx.
              </CardDescription>
            </CardHeader>
            <CardContent>
              {data.admin.endpoints.length === 0 ? (
                <EmptyState title="No endpoints yet">
                  Add one below to receive events on your server.
                </EmptyState>
              ) : (
                <ul className="divide-y divide-border" aria-label="Endpoints">
                  {data.admin.endpoints.map((endpoint) => (
                    <li
                      key={endpoint.id}
                      className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:gap-4"
                    >
                      <div className="min-w-0 flex-1">
                        <Link
                          href={`/webhooks/${endpoint.id}`}
                          className="break-all font-mono text-sm font-medium underline-offset-4 hover:underline"
                        >
                          {endpoint.url}
                        </Link>
                        {endpoint.description ? (
                          <p className="break-words text-sm text-muted">{endpoint.description}</p>
                        ) : null}
                      </div>
                      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
                        <EndpointStatusBadge endpoint={endpoint} />
                        <ModeBadge mode={endpoint.mode} />
                        <span>{eventTypesSummary(endpoint.enabledEvents)}</span>
                        <span>
                          added <EventTime value={endpoint.created} />
                        </span>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Add endpoint</CardTitle>
              <CardDescription>
                Choose what to send. The signing secret is shown once, right after you add it.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <CreateEndpointForm
                eventTypes={data.admin.eventTypes}
                emailVerified={data.admin.emailVerified}
              />
            </CardContent>
          </Card>
        </>
      )}
    </div>
  );
}
