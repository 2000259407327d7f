import { Card, CardContent, CardDescription, CardHeader, CardTitle, EmptyState } from '@prood/ui';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { EventTime } from '../../../components/event-time';
import { PageHeader } from '../../../components/page-header';
import { CreateEndpointForm } from '../../../components/webhook-forms';
import {
  AdminsOnly,
  EndpointStatusBadge,
  EventTypesSummary,
  ModeBadge,
} from '../../../components/webhook-ui';
import { loadWebhookPage } from '../../../server/webhook-page';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  const t = await getTranslations('webhooks.meta');
  return { title: t('list') };
}

export default async function WebhooksPage() {
  const data = await loadWebhookPage(async (trpc) => {
    const [endpoints, eventTypes, me] = await Promise.all([
      trpc.webhooks.listEndpoints.query(),
      trpc.webhooks.eventTypes.query(),
      trpc.account.me.query(),
    ]);
    return { endpoints, eventTypes, emailVerified: me.user.emailVerified };
  });
  const t = await getTranslations('webhooks.list');
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          <Link href="/events" className="text-sm font-medium underline underline-offset-4">
            {t('eventLog')}
          </Link>
        }
      />
      {data.admin === null ? (
        <AdminsOnly organizationName={data.organizationName} />
      ) : (
        <>
          <Card>
            <CardHeader>
              <CardTitle>{t('endpointsTitle')}</CardTitle>
              <CardDescription>{t('endpointsDescription')}</CardDescription>
            </CardHeader>
            <CardContent>
              {data.admin.endpoints.length === 0 ? (
                <EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>
              ) : (
                <ul className="divide-y divide-border" aria-label={t('endpointsLabel')}>
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
                        <span>
                          <EventTypesSummary enabledEvents={endpoint.enabledEvents} />
                        </span>
                        <span>
                          {t.rich('added', {
                            time: () => <EventTime value={endpoint.created} />,
                          })}
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
              <CardTitle>{t('addTitle')}</CardTitle>
              <CardDescription>{t('addDescription')}</CardDescription>
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
