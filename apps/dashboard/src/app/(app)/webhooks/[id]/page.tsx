import {
  Alert,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  EmptyState,
  Field,
  Select,
} from '@prood/ui';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EventTime } from '../../../../components/event-time';
import { PageHeader } from '../../../../components/page-header';
import { EditEndpointForm, EndpointControls } from '../../../../components/webhook-forms';
import {
  AdminsOnly,
  attemptsLabel,
  DeliveryStatusBadge,
  EndpointStatusBadge,
  EventTypeSelect,
  FilterForm,
  ModeBadge,
  Pager,
  parsePageCursor,
} from '../../../../components/webhook-ui';
import { loadWebhookPage } from '../../../../server/webhook-page';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Webhook endpoint · prood' };

const STATUSES = [
  ['succeeded', 'Succeeded'],
  ['failed', 'Failed'],
  ['pending', 'Pending'],
] as const;
type DeliveryStatus = (typeof STATUSES)[number][0];

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? null : value);

export default async function EndpointPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, query] = await Promise.all([props.params, props.searchParams]);
  const cursor = parsePageCursor(query, 'whd');
  const status = one(query.status) || undefined;
  const type = one(query.type) || undefined;
  if (
    cursor === null ||
    status === null ||
    type === null ||
    (status !== undefined && !STATUSES.some(([s]) => s === status))
  ) {
    notFound();
  }
  const data = await loadWebhookPage(async (trpc) => {
    const [endpoint, eventTypes, deliveries] = await Promise.all([
      trpc.webhooks.getEndpoint.query({ id }),
      trpc.webhooks.eventTypes.query(),
      trpc.webhooks.listDeliveries.query({
        endpointId: id,
        status: status as DeliveryStatus | undefined,
        eventType: type as never,
        startingAfter: cursor.after,
        limit: 25,
      }),
    ]);
    return { endpoint, eventTypes, deliveries };
  });
  if (data.admin === null) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title="Webhook endpoint" />
        <AdminsOnly organizationName={data.organizationName} />
      </div>
    );
  }
  const { endpoint, eventTypes, deliveries } = data.admin;
  const filtered = status !== undefined || type !== undefined;
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Link href="/webhooks" className="text-sm text-muted underline underline-offset-4">
          ← Webhooks
        </Link>
        <PageHeader
          title={<span className="break-all font-mono text-xl">{endpoint.url}</span>}
          description={endpoint.description ?? undefined}
        />
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
          <EndpointStatusBadge endpoint={endpoint} />
          <ModeBadge mode={endpoint.mode} />
          <span>
            added <EventTime value={endpoint.created} />
          </span>
          <code className="break-all font-mono text-xs">{endpoint.id}</code>
        </div>
      </div>
      {endpoint.status === 'disabled' && endpoint.disabledReason ? (
        <Alert tone="warning" title="Nothing is sent to this endpoint">
          {endpoint.disabledReason} Enable it to send new events again; resend the ones it missed
          from the list below.
        </Alert>
      ) : null}
      {endpoint.secretRotatedUntil ? (
        <Alert tone="info">
          The previous signing secret still signs deliveries until{' '}
          <EventTime value={endpoint.secretRotatedUntil} />.
        </Alert>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Deliveries</CardTitle>
          <CardDescription>Newest first. Open one to see its attempts and payload.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <FilterForm
            clearHref={filtered ? `/webhooks/${endpoint.id}` : null}
            className="sm:grid-cols-[12rem_1fr_auto]"
          >
            <Field id="filter-status" label="Status">
              <Select name="status" defaultValue={status ?? ''}>
                <option value="">Any status</option>
                {STATUSES.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </Select>
            </Field>
            <EventTypeSelect eventTypes={eventTypes} value={type} />
          </FilterForm>
          {deliveries.data.length === 0 ? (
            cursor.after ? (
              <EmptyState title="No more deliveries">
                Go back to the previous page for newer ones.
              </EmptyState>
            ) : (
              <EmptyState title={filtered ? 'No deliveries match' : 'No deliveries yet'}>
                {filtered
                  ? 'Try another status or event type.'
                  : 'Deliveries appear here as soon as an event this endpoint listens to happens.'}
              </EmptyState>
            )
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
                      <code className="break-all font-mono text-sm font-medium">{d.eventType}</code>
                    </span>
                    <span className="flex flex-wrap gap-x-3 text-sm text-muted">
                      <span>
                        {d.lastResponseStatus === null
                          ? 'no answer yet'
                          : `HTTP ${d.lastResponseStatus}`}
                      </span>
                      <span>{attemptsLabel(d.attemptCount)}</span>
                      <EventTime value={d.created} />
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <Pager
            path={`/webhooks/${endpoint.id}`}
            filters={{ status, type }}
            cursor={cursor}
            lastId={deliveries.data.at(-1)?.id}
            hasMore={deliveries.hasMore}
            label="Deliveries pages"
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Settings</CardTitle>
          <CardDescription>
            A changed URL is checked again;{' '}
            {endpoint.mode === 'live'
              ? 'live endpoints need a public https URL.'
              : 'test endpoints may use http://localhost.'}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <EditEndpointForm
            id={endpoint.id}
            url={endpoint.url}
            description={endpoint.description}
            enabledEvents={endpoint.enabledEvents}
            eventTypes={eventTypes}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Manage</CardTitle>
          <CardDescription>
            Disable to stop sending without losing the endpoint; rotate the secret when it may have
            leaked.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <EndpointControls
            id={endpoint.id}
            url={endpoint.url}
            enabled={endpoint.status === 'enabled'}
          />
        </CardContent>
      </Card>
    </div>
  );
}
