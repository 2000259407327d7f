import { Badge, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@prood/ui';
import Link from 'next/link';
import { PageHeader } from '../../../components/page-header';
import { loadPage } from '../../../server/trpc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Integrations · prood' };

/** Every provider the registry offers, plus the built-in sandbox, with each one's state. */
export default async function IntegrationsPage() {
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
      label: 'Sandbox',
      description: 'Offline test payments with test cards. One click, nothing to sign up for.',
    },
    ...providers.map((p) => ({
      id: p.id,
      label: p.label,
      description:
        p.verification === 'signature'
          ? 'Your account’s API keys and webhook signing secret.'
          : 'Your account’s API key; webhooks need no set-up.',
    })),
  ];
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Integrations"
        description="Connect the payment providers your checkout offers."
      />
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
                          {connection.enabled ? 'Connected' : 'Disabled'}
                        </Badge>
                        <Badge tone={connection.mode === 'live' ? 'success' : 'warning'}>
                          {connection.mode === 'live' ? 'Live' : 'Test mode'}
                        </Badge>
                      </>
                    ) : (
                      <Badge>Not connected</Badge>
                    )}
                  </CardTitle>
                  <CardDescription>{entry.description}</CardDescription>
                </CardHeader>
                <CardContent>
                  <Link
                    href={`/integrations/${entry.id}`}
                    className="text-sm font-medium underline underline-offset-2"
                    aria-label={`${connection ? 'Manage' : 'Connect'} ${entry.label}`}
                  >
                    {connection ? 'Manage' : 'Connect'}
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
