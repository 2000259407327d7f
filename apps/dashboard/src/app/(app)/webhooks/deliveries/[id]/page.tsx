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
import { getTranslations } from 'next-intl/server';
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
export async function generateMetadata() {
  const t = await getTranslations('webhooks.meta');
  return { title: t('delivery') };
}

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
  const t = await getTranslations('webhooks.deliveryPage');
  if (data.admin === null) {
    return (
      <div className="flex flex-col gap-6">
        <PageHeader title={t('fallbackTitle')} />
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
          {t('back')}
        </Link>
        <PageHeader
          title={<span className="break-all font-mono text-xl">{delivery.eventType}</span>}
          description={t('description')}
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
          {t.rich('disabledAlert', {
            link: (chunks) => (
              <Link className="underline" href={`/webhooks/${endpoint.id}`}>
                {chunks}
              </Link>
            ),
          })}
        </Alert>
      ) : null}
      <Card>
        <CardContent>
          <dl className="grid gap-4 sm:grid-cols-2">
            <Fact label={t('status')}>
              <span className="flex flex-wrap items-center gap-2">
                <DeliveryStatusBadge status={delivery.status} />
                {delivery.status === 'pending' && delivery.nextAttemptAt ? (
                  <span className="text-muted">
                    {t.rich('nextAttempt', {
                      time: () => <EventTime value={delivery.nextAttemptAt ?? ''} />,
                    })}
                  </span>
                ) : null}
              </span>
            </Fact>
            <Fact label={t('endpoint')}>
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
            <Fact label={t('event')}>
              <Link
                className="font-mono underline-offset-4 hover:underline"
                href={`/events/${delivery.eventId}`}
              >
                {delivery.eventId}
              </Link>
            </Fact>
            <Fact label={t('created')}>
              <EventTime value={delivery.created} />
            </Fact>
            <Fact label={t('id')}>
              <code className="font-mono">{delivery.id}</code>
            </Fact>
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('attemptsTitle')}</CardTitle>
          <CardDescription>{t('attemptsDescription')}</CardDescription>
        </CardHeader>
        <CardContent>
          {attempts.length === 0 ? (
            <EmptyState title={t('notAttemptedTitle')}>{t('notAttemptedBody')}</EmptyState>
          ) : (
            <ol
              className="divide-y divide-border"
              aria-label={t('attemptsLabel')}
              data-testid="attempts"
            >
              {attempts.map((attempt, index) => (
                <li key={attempt.id} className="flex flex-col gap-2 py-3">
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                    <span className="font-medium">
                      {t('attempt', { number: attempts.length - index })}
                    </span>
                    <Badge tone={attempt.succeeded ? 'success' : 'danger'}>
                      {attempt.responseStatus === null
                        ? t('noAnswer')
                        : t('http', { status: attempt.responseStatus })}
                    </Badge>
                    <span className="text-muted">
                      <EventTime value={attempt.attemptedAt} />
                    </span>
                    <span className="text-muted">
                      {t('took', { duration: formatDuration(attempt.durationMs) })}
                    </span>
                  </div>
                  {attempt.error ? (
                    <p className="break-words text-sm text-danger">{attempt.error}</p>
                  ) : null}
                  {attempt.responseExcerpt ? (
                    <details>
                      <summary className="cursor-pointer text-sm text-muted">
                        {t('responseBody')}
                      </summary>
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
          <CardTitle>{t('payloadTitle')}</CardTitle>
          <CardDescription>{t('payloadDescription')}</CardDescription>
        </CardHeader>
        <CardContent>
          {delivery.payload === null ? (
            <EmptyState title={t('goneTitle')}>{t('goneBody')}</EmptyState>
          ) : (
            <JsonBlock json={prettyJson(delivery.payload)} label={t('payloadLabel')} />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
