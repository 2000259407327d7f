import {
  Alert,
  Badge,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  EmptyState,
} from '@prood/ui';
import Link from 'next/link';
import { EventTime } from '../../../../../components/event-time';
import { PageHeader } from '../../../../../components/page-header';
import { ResendDeliveryButton } from '../../../../../components/webhook-forms';
import {
  AdminsOnly,
  DeliveryStatusBadge,
  EndpointStatusBadge,
  formatDuration,
  JsonBlock,
  prettyJson,
} from '../../../../../components/webhook-ui';
import { loadWebhookPage } from '../../../../../server/webhook-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Webhook delivery · prood' };

function Fact(props: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-muted">{props.label}</dt>
      <dd className="mt-0.5 break-all text-sm">{props.children}</dd>
    </div>
  );
}

export default async function DeliveryPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const data = await loadWebhookPage(async (trpc) => {
    const delivery = await trpc.webhooks.getDelivery.query({ id });
    const endpoint = await trpc.webhooks.getEndpoint.query({ id: delivery.endpointId });
    return { delivery, endpoint };
  });
  if (data.admin === null) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title="Webhook delivery" />
        <AdminsOnly organizationName={data.organizationName} />
      </div>
    );
  }
  const { delivery, endpoint } = data.admin;
  // newest attempt first, the way a merchant looks for "what happened last"
  const attempts = [...delivery.attempts].reverse();
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Link
          href={`/webhooks/${endpoint.id}`}
          className="text-sm text-muted underline underline-offset-4"
        >
          ← Endpoint
        </Link>
        <PageHeader
          title={<span className="break-all font-mono text-xl">{delivery.eventType}</span>}
          description="One event sent to one endpoint, and every attempt to send it."
          actions={
            <ResendDeliveryButton
              id={delivery.id}
              attemptCount={delivery.attempts.length}
              disabled={endpoint.status !== 'enabled'}
            />
          }
        />
      </div>
      {endpoint.status !== 'enabled' ? (
        <Alert tone="warning">
          The endpoint is disabled: enable it on{' '}
          <Link className="underline" href={`/webhooks/${endpoint.id}`}>
            its page
          </Link>{' '}
          before resending.
        </Alert>
      ) : null}
      <Card>
        <CardContent>
          <dl className="grid gap-4 sm:grid-cols-2">
            <Fact label="Status">
              <span className="flex flex-wrap items-center gap-2">
                <DeliveryStatusBadge status={delivery.status} />
                {delivery.status === 'pending' && delivery.nextAttemptAt ? (
                  <span className="text-muted">
                    next attempt <EventTime value={delivery.nextAttemptAt} />
                  </span>
                ) : null}
              </span>
            </Fact>
            <Fact label="Endpoint">
              <span className="flex flex-wrap items-center gap-2">
                <Link
                  className="font-mono underline-offset-4 hover:underline"
                  href={`/webhooks/${endpoint.id}`}
                >
                  {endpoint.url}
                </Link>
                <EndpointStatusBadge endpoint={endpoint} />
              </span>
            </Fact>
            <Fact label="Event">
              <Link
                className="font-mono underline-offset-4 hover:underline"
                href={`/events/${delivery.eventId}`}
              >
                {delivery.eventId}
              </Link>
            </Fact>
            <Fact label="Created">
              <EventTime value={delivery.created} />
            </Fact>
            <Fact label="Delivery id">
              <code className="font-mono">{delivery.id}</code>
            </Fact>
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Attempts</CardTitle>
          <CardDescription>
            Newest first. A 2xx answer within 10 seconds counts as delivered; anything else is
            retried with backoff for three days.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {attempts.length === 0 ? (
            <EmptyState title="Not attempted yet">
              The first attempt is on its way; refresh in a moment.
            </EmptyState>
          ) : (
            <ol className="divide-y divide-border" aria-label="Attempts" data-testid="attempts">
              {attempts.map((attempt, index) => (
                <li key={attempt.id} className="flex flex-col gap-2 py-3">
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                    <span className="font-medium">Attempt {attempts.length - index}</span>
                    <Badge tone={attempt.succeeded ? 'success' : 'danger'}>
                      {attempt.responseStatus === null
                        ? 'No answer'
                        : `HTTP ${attempt.responseStatus}`}
                    </Badge>
                    <span className="text-muted">
                      <EventTime value={attempt.attemptedAt} />
                    </span>
                    <span className="text-muted">took {formatDuration(attempt.durationMs)}</span>
                  </div>
                  {attempt.error ? (
                    <p className="break-words text-sm text-danger">{attempt.error}</p>
                  ) : null}
                  {attempt.responseExcerpt ? (
                    <details>
                      <summary className="cursor-pointer text-sm text-muted">Response body</summary>
                      <pre className="mt-2 whitespace-pre-wrap break-all rounded-ui border border-border bg-subtle p-2 font-mono text-xs">
                        {attempt.responseExcerpt}
                      </pre>
                    </details>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Payload</CardTitle>
          <CardDescription>The exact body every attempt sends.</CardDescription>
        </CardHeader>
        <CardContent>
          {delivery.payload === null ? (
            <EmptyState title="The event is gone">Its payload is no longer stored.</EmptyState>
          ) : (
            <JsonBlock json={prettyJson(delivery.payload)} label="Payload" />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
