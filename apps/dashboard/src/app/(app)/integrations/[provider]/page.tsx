import { Badge, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@prood/ui';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import {
  ConnectionActions,
  IntegrationForm,
  SandboxConnect,
} from '../../../../components/integration-forms';
import { PageHeader } from '../../../../components/page-header';
import { loadPage } from '../../../../server/trpc';

export const dynamic = 'force-dynamic';

export async function generateMetadata(props: { params: Promise<{ provider: string }> }) {
  const { provider } = await props.params;
  return {
    title: `${provider.charAt(0).toUpperCase()}${provider.slice(1)} · Integrations · prood`,
  };
}

/**
 * One provider's page. Its form comes from the registry's credential fields
 * (`settings.providers`): no provider is named here but the built-in sandbox.
 */
export default async function ProviderPage(props: { params: Promise<{ provider: string }> }) {
  const { provider } = await props.params;
  const { integrations, providers, organization, me } = await loadPage(async (trpc) => {
    const [integrations, providers, organization, me] = await Promise.all([
      trpc.settings.integrations.query(),
      trpc.settings.providers.query(),
      trpc.settings.organization.query(),
      trpc.account.me.query(),
    ]);
    return { integrations, providers, organization, me };
  });
  const spec = providers.find((p) => p.id === provider);
  if (!spec && provider !== 'sandbox') notFound();
  const label = spec?.label ?? 'Sandbox';
  const connection = integrations.find((i) => i.provider === provider);
  const canManage = organization.role === 'owner' || organization.role === 'admin';
  const fieldLabels = new Map(spec?.fields.map((f) => [f.name, f.label]) ?? []);
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm">
        <Link href="/integrations" className="underline underline-offset-2">
          ← Integrations
        </Link>
      </p>
      <PageHeader
        title={label}
        description={
          provider === 'sandbox'
            ? 'Offline test payments: the checkout shows a card form that takes test cards.'
            : `Connect your ${label} account. Keys are encrypted at rest and only ever shown masked.`
        }
      />
      {canManage ? null : (
        <p className="text-sm text-muted">
          You are a member of this organization: owners and admins change integrations.
        </p>
      )}
      {connection ? (
        <Card data-testid="connection">
          <CardHeader>
            <CardTitle className="flex flex-wrap items-center gap-2">
              Connection
              <Badge tone={connection.enabled ? 'success' : 'neutral'}>
                {connection.enabled ? 'Enabled' : 'Disabled'}
              </Badge>
              <Badge tone={connection.mode === 'live' ? 'success' : 'warning'}>
                {connection.mode === 'live' ? 'Live' : 'Test mode'}
              </Badge>
            </CardTitle>
            <CardDescription>
              Last changed {new Date(connection.updatedAt).toLocaleString('en')}
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
              {Object.entries(connection.credentials).map(([name, masked]) => (
                <div key={name} className="contents">
                  <dt className="text-muted">{fieldLabels.get(name) ?? name}</dt>
                  <dd className="break-all font-mono">{masked}</dd>
                </div>
              ))}
              {spec?.verification === 'signature' ? (
                <div className="contents">
                  <dt className="text-muted">Webhook endpoint</dt>
                  <dd className="break-all font-mono">{connection.webhookUrl}</dd>
                </div>
              ) : null}
            </dl>
            {canManage ? (
              <ConnectionActions provider={provider} label={label} enabled={connection.enabled} />
            ) : null}
          </CardContent>
        </Card>
      ) : null}
      {provider === 'sandbox' ? (
        <Card>
          <CardHeader>
            <CardTitle>{connection ? 'Paying a test order' : 'Connect the sandbox'}</CardTitle>
            <CardDescription>
              Pay with 4242 4242 4242 4242, any future expiry and any CVC; 4000 0000 0000 0002 is
              declined.
            </CardDescription>
          </CardHeader>
          {connection || !canManage ? null : (
            <CardContent>
              <SandboxConnect />
            </CardContent>
          )}
        </Card>
      ) : spec && canManage ? (
        <IntegrationForm
          spec={spec}
          connected={Boolean(connection)}
          currentMode={connection?.mode ?? 'test'}
          emailVerified={me.user.emailVerified}
        />
      ) : null}
    </div>
  );
}
