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
import { EventTime } from '../../../../../components/event-time';
import { PageHeader } from '../../../../../components/page-header';
import {
  EventResultBadges,
  formatBytes,
  outcomeLabel,
  providerName,
} from '../../../../../components/provider-events';
import { formatCount, JsonBlock, prettyJson } from '../../../../../components/webhook-ui';
import { loadPage } from '../../../../../server/trpc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Provider event · prood' };

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
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <Link href="/developers/events" className="text-sm text-muted underline underline-offset-4">
          ← Provider events
        </Link>
        <PageHeader
          title={<span className="break-all font-mono text-xl">{event.type}</span>}
          description={`${providerName(event.provider)} event, signature verified.`}
        />
        <EventResultBadges handled={event.handledAt !== null} duplicates={event.duplicates} />
      </div>
      {event.error && event.handledAt === null ? (
        <Alert tone="danger" title="Applying it failed">
          {event.error}. Nothing was changed; the provider retries, and the retry applies it.
        </Alert>
      ) : null}
      <Card>
        <CardContent className="pt-6">
          <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <Meta label="Provider event id">
              <code className="break-all font-mono text-xs">{event.eventId}</code>
            </Meta>
            <Meta label="Received">
              <EventTime value={event.receivedAt.toISOString()} />
            </Meta>
            <Meta label="Applied">
              {event.handledAt ? <EventTime value={event.handledAt.toISOString()} /> : 'Not yet'}
            </Meta>
            <Meta label="Deliveries">
              {formatCount(event.duplicates + 1)}
              {event.duplicates > 0 ? ' (the repeats changed nothing)' : ''}
            </Meta>
            {event.lastReceivedAt ? (
              <Meta label="Last received">
                <EventTime value={event.lastReceivedAt.toISOString()} />
              </Meta>
            ) : null}
            <Meta label="Our id">
              <code className="break-all font-mono text-xs">{event.id}</code>
            </Meta>
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Effect</CardTitle>
          <CardDescription>What the event meant in our terms, and what it did.</CardDescription>
        </CardHeader>
        <CardContent>
          {normalized.length === 0 ? (
            <EmptyState title="Nothing to apply">
              This event type means nothing for your orders, so it was only recorded.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-border" aria-label="Effects">
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
                      {effect?.outcome ? outcomeLabel(effect.outcome) : 'Not applied'}
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
          <CardTitle>Payload</CardTitle>
          <CardDescription>The body the provider sent, as verified.</CardDescription>
        </CardHeader>
        <CardContent>
          {event.payload !== null ? (
            <JsonBlock json={prettyJson(event.payload)} label="Payload" />
          ) : lookedUp ? (
            <EmptyState title="No webhook body">
              We learnt this by asking the provider (after the shopper returned, or when checking a
              pending order), not from a webhook.
            </EmptyState>
          ) : event.payloadBytes !== null ? (
            <EmptyState title="Too large to keep">
              The body was {formatBytes(event.payloadBytes)}; bodies up to 64 KB are kept.
            </EmptyState>
          ) : (
            <EmptyState title="No body kept">
              This event was received before bodies were kept.
            </EmptyState>
          )}
          <details className="mt-4">
            <summary className="cursor-pointer text-sm text-muted">Normalized events</summary>
            <div className="mt-2">
              <JsonBlock
                json={JSON.stringify(event.normalized, null, 2)}
                label="Normalized events"
              />
            </div>
          </details>
        </CardContent>
      </Card>
    </div>
  );
}
