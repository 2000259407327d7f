import { Badge, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@prood/ui';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '../../../components/page-header';
import { loadPage } from '../../../server/trpc';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const t = await getTranslations('integrations.list');
  return { title: t('metaTitle') };
}

/** Every provider the registry offers, plus the built-in sandbox, with each one's state. */
export default async function IntegrationsPage() {
  const t = await getTranslations('integrations.list');
  const { integrations, providers } = await loadPage(async (trpc) => {
    const [integrations, providers] = await Promise.all([
      trpc.settings.integrations.query(),
      trpc.settings.providers.query(),
    ]);
    return { integrations, providers };
  });
  const entries = [
    {
      id: 'sandbox',
      label: t('sandboxLabel'),
      description: t('sandboxDescription'),
    },
    ...providers.map((p) => ({
      id: p.id,
      label: p.label,
      description: p.webhookEndpoint
        ? t('registersEndpointDescription')
        : p.verification === 'signature'
          ? t('signatureDescription')
          : t('fetchBackDescription'),
    })),
  ];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('title')} description={t('description')} />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {entries.map((entry) => {
          const connection = integrations.find((i) => i.provider === entry.id);
          return (
            <li key={entry.id}>
              <Card className="h-full">
                <CardHeader>
                  <CardTitle className="flex flex-wrap items-center gap-2">
                    <Link
                      href={`/integrations/${entry.id}`}
                      className="underline-offset-2 hover:underline"
                    >
                      {entry.label}
                    </Link>
                    {connection ? (
                      <>
                        <Badge tone={connection.enabled ? 'success' : 'neutral'}>
                          {connection.enabled ? t('connected') : t('disabled')}
                        </Badge>
                        <Badge tone={connection.mode === 'live' ? 'success' : 'warning'}>
                          {connection.mode === 'live' ? t('live') : t('testMode')}
                        </Badge>
                      </>
                    ) : (
                      <Badge>{t('notConnected')}</Badge>
                    )}
                  </CardTitle>
                  <CardDescription>{entry.description}</CardDescription>
                </CardHeader>
                <CardContent>
                  <Link
                    href={`/integrations/${entry.id}`}
                    className="text-sm font-medium underline underline-offset-2"
                    aria-label={
                      connection
                        ? t('manageLabel', { label: entry.label })
                        : t('connectLabel', { label: entry.label })
                    }
                  >
                    {connection ? t('manage') : t('connect')}
                  </Link>
                </CardContent>
              </Card>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
