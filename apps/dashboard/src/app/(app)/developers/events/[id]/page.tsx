import {
  Alert,
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
import {
  EventResultBadges,
  formatBytes,
  OutcomeLabel,
  providerName,
} from '../../../../../components/provider-events';
import { JsonBlock, prettyJson } from '../../../../../components/webhook-ui';
import { loadPage } from '../../../../../server/trpc';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  const t = await getTranslations('developers.providerEvents.meta');
  return { title: t('event') };
}

interface Effect {
  type?: string;
  orderId?: string;
  outcome?: string;
  status?: string;
}

const asEffects = (value: unknown): Effect[] =>
  Array.isArray(value) ? value.filter((v): v is Effect => typeof v === 'object' && v !== null) : [];

function Meta({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-sm text-muted">{label}</dt>
      <dd className="mt-0.5 break-words text-sm">{children}</dd>
    </div>
  );
}

export default async function ProviderEventPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const event = await loadPage((trpc) => trpc.providerEvents.get.query({ id }));
  const effects = asEffects(event.effects);
  const normalized = asEffects(event.normalized);
  // look-ups (the success page's confirm, reconciliation) store no webhook body
  const lookedUp = /^(confirm|reconcile):/.test(event.eventId);
  const t = await getTranslations('developers.providerEvents.detail');
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Link href="/developers/events" className="text-sm text-muted underline underline-offset-4">
          {t('back')}
        </Link>
        <PageHeader
          title={<span className="break-all font-mono text-xl">{event.type}</span>}
          description={t('verified', { provider: providerName(event.provider) })}
        />
        <EventResultBadges handled={event.handledAt !== null} duplicates={event.duplicates} />
      </div>
      {event.error && event.handledAt === null ? (
        <Alert tone="danger" title={t('failedTitle')}>
          {t('failedBody', { error: event.error.replace(/\.$/, '') })}
        </Alert>
      ) : null}
      <Card>
        <CardContent className="pt-6">
          <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <Meta label={t('eventId')}>
              <code className="break-all font-mono text-xs">{event.eventId}</code>
            </Meta>
            <Meta label={t('received')}>
              <EventTime value={event.receivedAt.toISOString()} />
            </Meta>
            <Meta label={t('applied')}>
              {event.handledAt ? <EventTime value={event.handledAt.toISOString()} /> : t('notYet')}
            </Meta>
            <Meta label={t('deliveries')}>
              {t('deliveriesCount', {
                count: event.duplicates + 1,
                repeats: event.duplicates > 0 ? 'yes' : 'no',
              })}
            </Meta>
            {event.lastReceivedAt ? (
              <Meta label={t('lastReceived')}>
                <EventTime value={event.lastReceivedAt.toISOString()} />
              </Meta>
            ) : null}
            <Meta label={t('ourId')}>
              <code className="break-all font-mono text-xs">{event.id}</code>
            </Meta>
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('effectTitle')}</CardTitle>
          <CardDescription>{t('effectDescription')}</CardDescription>
        </CardHeader>
        <CardContent>
          {normalized.length === 0 ? (
            <EmptyState title={t('nothingTitle')}>{t('nothingBody')}</EmptyState>
          ) : (
            <ul className="divide-y divide-border" aria-label={t('effectsLabel')}>
              {normalized.map((n, i) => {
                const effect = effects[i];
                const orderId = effect?.orderId ?? n.orderId;
                return (
                  // the normalized events keep their order; the index is their identity
                  <li
                    key={i}
                    className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:gap-4"
                  >
                    <code className="min-w-0 flex-1 break-all font-mono text-sm">{n.type}</code>
                    <span className="text-sm">
                      {effect?.outcome ? (
                        <OutcomeLabel outcome={effect.outcome} />
                      ) : (
                        t('notApplied')
                      )}
                    </span>
                    {orderId ? (
                      <Link
                        href={`/orders/${orderId}`}
                        className="break-all font-mono text-xs underline underline-offset-4"
                      >
                        {orderId}
                      </Link>
                    ) : null}
                  </li>
                );
              })}
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
          {event.payload !== null ? (
            <JsonBlock json={prettyJson(event.payload)} label={t('payloadLabel')} />
          ) : lookedUp ? (
            <EmptyState title={t('lookedUpTitle')}>{t('lookedUpBody')}</EmptyState>
          ) : event.payloadBytes !== null ? (
            <EmptyState title={t('tooLargeTitle')}>
              {t('tooLargeBody', { size: formatBytes(event.payloadBytes) })}
            </EmptyState>
          ) : (
            <EmptyState title={t('noBodyTitle')}>{t('noBodyBody')}</EmptyState>
          )}
          <details className="mt-4">
            <summary className="cursor-pointer text-sm text-muted">{t('normalized')}</summary>
            <div className="mt-2">
              <JsonBlock json={JSON.stringify(event.normalized, null, 2)} label={t('normalized')} />
            </div>
          </details>
        </CardContent>
      </Card>
    </div>
  );
}
