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
import { getTranslations } from 'next-intl/server';
import { EventTime } from '../../../../components/event-time';
import { PageHeader } from '../../../../components/page-header';
import { EditEndpointForm, EndpointControls } from '../../../../components/webhook-forms';
import {
  AdminsOnly,
  AttemptsLabel,
  DeliveryStatusBadge,
  EndpointStatusBadge,
  EventTypeSelect,
  FilterForm,
  isPaused,
  ModeBadge,
  Pager,
  parsePageCursor,
} from '../../../../components/webhook-ui';
import { loadWebhookPage } from '../../../../server/webhook-page';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  const t = await getTranslations('webhooks.meta');
  return { title: t('endpoint') };
}

const STATUSES = ['succeeded', 'failed', 'pending'] as const;
type DeliveryStatus = (typeof STATUSES)[number];

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
    (status !== undefined && !STATUSES.some((s) => s === status))
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
  const t = await getTranslations('webhooks');
  if (data.admin === null) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title={t('endpoint.fallbackTitle')} />
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
          {t('endpoint.back')}
        </Link>
        <PageHeader
          title={<span className="break-all font-mono text-xl">{endpoint.url}</span>}
          description={endpoint.description ?? undefined}
        />
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
          <EndpointStatusBadge endpoint={endpoint} />
          <ModeBadge mode={endpoint.mode} />
          <span>
            {t.rich('endpoint.added', { time: () => <EventTime value={endpoint.created} /> })}
          </span>
          <code className="break-all font-mono text-xs">{endpoint.id}</code>
        </div>
      </div>
      {endpoint.status === 'disabled' ? (
        <Alert tone="warning" title={t('endpoint.pausedTitle')}>
          {isPaused(endpoint) ? t('endpoint.pausedBody') : t('endpoint.failingBody')}
        </Alert>
      ) : null}
      {endpoint.secretRotatedUntil ? (
        <Alert tone="info">
          {t.rich('endpoint.rotatedUntil', {
            time: () => <EventTime value={endpoint.secretRotatedUntil ?? ''} />,
          })}
        </Alert>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>{t('endpoint.deliveriesTitle')}</CardTitle>
          <CardDescription>{t('endpoint.deliveriesDescription')}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <FilterForm
            clearHref={filtered ? `/webhooks/${endpoint.id}` : null}
            className="sm:grid-cols-[12rem_1fr_auto]"
          >
            <Field id="filter-status" label={t('filter.status')}>
              <Select name="status" defaultValue={status ?? ''}>
                <option value="">{t('filter.anyStatus')}</option>
                {STATUSES.map((value) => (
                  <option key={value} value={value}>
                    {t(`delivery.${value}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <EventTypeSelect eventTypes={eventTypes} value={type} />
          </FilterForm>
          {deliveries.data.length === 0 ? (
            cursor.after ? (
              <EmptyState title={t('endpoint.noMoreTitle')}>{t('endpoint.noMoreBody')}</EmptyState>
            ) : (
              <EmptyState title={filtered ? t('endpoint.noMatchTitle') : t('endpoint.emptyTitle')}>
                {filtered ? t('endpoint.noMatchBody') : t('endpoint.emptyBody')}
              </EmptyState>
            )
          ) : (
            <ul className="divide-y divide-border" aria-label={t('endpoint.deliveriesLabel')}>
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
                          ? t('endpoint.noAnswerYet')
                          : t('endpoint.http', { status: d.lastResponseStatus })}
                      </span>
                      <span>
                        <AttemptsLabel count={d.attemptCount} />
                      </span>
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
            label={t('endpoint.pagesLabel')}
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>{t('endpoint.settingsTitle')}</CardTitle>
          <CardDescription>
            {endpoint.mode === 'live' ? t('endpoint.settingsLive') : t('endpoint.settingsTest')}
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
          <CardTitle>{t('endpoint.manageTitle')}</CardTitle>
          <CardDescription>{t('endpoint.manageDescription')}</CardDescription>
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
