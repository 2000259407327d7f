import { Card, CardContent, CardDescription, CardHeader, CardTitle, EmptyState } from '@prood/ui';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { EventTime } from '../../../../components/event-time';
import { PageHeader } from '../../../../components/page-header';
import {
  AdminsOnly,
  AttemptsLabel,
  DeliveryStatusBadge,
  EventTypeHint,
  JsonBlock,
} from '../../../../components/webhook-ui';
import { loadWebhookPage } from '../../../../server/webhook-page';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  const t = await getTranslations('events.meta');
  return { title: t('event') };
}

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
  const t = await getTranslations('events.detail');
  if (data.admin === null) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title={t('fallbackTitle')} />
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
          {t('back')}
        </Link>
        <PageHeader
          title={<span className="break-all font-mono text-xl">{event.type}</span>}
          description={<EventTypeHint type={event.type} />}
        />
        <p className="flex flex-wrap gap-x-3 text-sm text-muted">
          <code className="break-all font-mono text-xs">{event.id}</code>
          <span>{t('sequence', { sequence: event.sequence })}</span>
          <EventTime value={event.created} />
          <span>{t('apiVersion', { version: event.apiVersion })}</span>
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{t('sentToTitle')}</CardTitle>
          <CardDescription>{t('sentToDescription', { type: event.type })}</CardDescription>
        </CardHeader>
        <CardContent>
          {deliveries.data.length === 0 ? (
            <EmptyState title={t('notSentTitle')}>{t('notSentBody')}</EmptyState>
          ) : (
            <ul className="divide-y divide-border" aria-label={t('deliveriesLabel')}>
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
                    <span className="text-sm text-muted">
                      <AttemptsLabel count={d.attemptCount} />
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('payloadTitle')}</CardTitle>
          <CardDescription>{t('payloadDescription')}</CardDescription>
        </CardHeader>
        <CardContent>
          <JsonBlock json={JSON.stringify(event, null, 2)} label={t('payloadLabel')} />
        </CardContent>
      </Card>
    </div>
  );
}
