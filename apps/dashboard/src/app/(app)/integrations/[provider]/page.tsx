import { Badge, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@prood/ui';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import {
  ConnectionActions,
  IntegrationForm,
  SandboxConnect,
} from '../../../../components/integration-forms';
import { PageHeader } from '../../../../components/page-header';
import { getTrpc, loadPage } from '../../../../server/trpc';

export const dynamic = 'force-dynamic';

export async function generateMetadata(props: { params: Promise<{ provider: string }> }) {
  const { provider } = await props.params;
  const t = await getTranslations('integrations.provider');
  // the registry's label, never text from the URL
  const providers = await (await getTrpc()).settings.providers.query().catch(() => []);
  const label =
    providers.find((p) => p.id === provider)?.label ??
    (await getTranslations('integrations.list'))(provider === 'sandbox' ? 'sandboxLabel' : 'title');
  return { title: t('metaTitle', { label }) };
}

/**
 * One provider's page. Its form comes from the registry's credential fields
 * (`settings.providers`): no provider is named here but the built-in sandbox.
 */
export default async function ProviderPage(props: { params: Promise<{ provider: string }> }) {
  const { provider } = await props.params;
  const t = await getTranslations('integrations.provider');
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
  const label = spec?.label ?? (await getTranslations('integrations.list'))('sandboxLabel');
  const connection = integrations.find((i) => i.provider === provider);
  const canManage = organization.role === 'owner' || organization.role === 'admin';
  const fieldLabels = new Map(spec?.fields.map((f) => [f.name, f.label]) ?? []);
  // the endpoint we registered is shown once, in words, not as one more masked credential
  const endpointIdField = spec?.webhookEndpoint?.endpointIdField;
  const registeredEndpoint = endpointIdField ? connection?.credentials[endpointIdField] : undefined;
  const credentialRows = Object.entries(connection?.credentials ?? {}).filter(
    ([name]) => name !== endpointIdField,
  );
  return (
    <div className="flex flex-col gap-6">
      <p className="text-sm">
        <Link href="/integrations" className="underline underline-offset-2">
          {t('back')}
        </Link>
      </p>
      <PageHeader
        title={label}
        description={provider === 'sandbox' ? t('sandboxDescription') : t('description', { label })}
      />
      {canManage ? null : <p className="text-sm text-muted">{t('memberNote')}</p>}
      {connection ? (
        <Card data-testid="connection">
          <CardHeader>
            <CardTitle className="flex flex-wrap items-center gap-2">
              {t('connection')}
              <Badge tone={connection.enabled ? 'success' : 'neutral'}>
                {connection.enabled ? t('enabled') : t('disabled')}
              </Badge>
              <Badge tone={connection.mode === 'live' ? 'success' : 'warning'}>
                {connection.mode === 'live' ? t('live') : t('testMode')}
              </Badge>
            </CardTitle>
            <CardDescription>
              {t('lastChanged', { date: new Date(connection.updatedAt).toLocaleString('en') })}
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
              {credentialRows.map(([name, masked]) => (
                <div key={name} className="contents">
                  <dt className="text-muted">{fieldLabels.get(name) ?? name}</dt>
                  <dd className="break-all font-mono">{masked}</dd>
                </div>
              ))}
              {spec?.verification === 'signature' ? (
                <>
                  <div className="contents">
                    <dt className="text-muted">{t('webhookUrl')}</dt>
                    <dd className="break-all font-mono">{connection.webhookUrl}</dd>
                  </div>
                  <div className="contents" data-testid="webhook-endpoint">
                    <dt className="text-muted">{t('webhookEndpoint')}</dt>
                    <dd className="break-all">
                      {registeredEndpoint
                        ? t('endpointRegistered', { label, id: registeredEndpoint })
                        : t('endpointManual')}
                    </dd>
                  </div>
                </>
              ) : null}
            </dl>
            {canManage ? (
              <ConnectionActions
                provider={provider}
                label={label}
                enabled={connection.enabled}
                registeredEndpoint={Boolean(registeredEndpoint)}
              />
            ) : null}
          </CardContent>
        </Card>
      ) : null}
      {provider === 'sandbox' ? (
        <Card>
          <CardHeader>
            <CardTitle>{connection ? t('sandboxPayTitle') : t('sandboxConnectTitle')}</CardTitle>
            <CardDescription>{t('sandboxCards')}</CardDescription>
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
