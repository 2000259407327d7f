import {
  Badge,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  EmptyState,
} from '@prood/ui';
import { PageHeader } from '../../../components/page-header';
import { RevokeKeyButton } from '../../../components/revoke-key-button';
import { loadPage } from '../../../server/trpc';
import { CreateKeyForm } from './create-key-form';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Developers · prood' };

export default async function Settings() {
  const { organization, me, keys } = await loadPage(async (trpc) => {
    const [organization, me] = await Promise.all([
      trpc.settings.organization.query(),
      trpc.account.me.query(),
    ]);
    const canManage = organization.role === 'owner' || organization.role === 'admin';
    return { organization, me, keys: canManage ? await trpc.settings.apiKeys.query() : null };
  });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Developers" description="API keys for your storefront’s server." />
      <Card>
        <CardHeader>
          <CardTitle>API keys</CardTitle>
          <CardDescription>
            Secret keys authenticate calls to the commerce API (<code>/v1</code>). Keep them on your
            server.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-6">
          {keys === null ? (
            <p className="text-sm text-muted">
              You are a member of {organization.name}: owners and admins manage API keys.
            </p>
          ) : (
            <>
              <CreateKeyForm emailVerified={me.user.emailVerified} />
              {keys.length === 0 ? (
                <EmptyState title="No API keys yet">
                  Create one above for your storefront.
                </EmptyState>
              ) : (
                <ul className="divide-y divide-border">
                  {keys.map((k) => (
                    <li
                      key={k.id}
                      className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3"
                    >
                      <div className="min-w-0">
                        <p className="flex flex-wrap items-center gap-2 font-medium">
                          <span className="break-all">{k.name}</span>
                          <Badge tone={k.mode === 'live' ? 'success' : 'warning'}>
                            {k.mode === 'live' ? 'Live' : 'Test'}
                          </Badge>
                          {k.revokedAt ? <Badge tone="danger">Revoked</Badge> : null}
                        </p>
                        <p className="text-sm text-muted">
                          <code>{k.displayPrefix}…</code> ·{' '}
                          {k.lastUsedAt
                            ? `last used ${new Date(k.lastUsedAt).toLocaleString('en')}`
                            : 'never used'}
                        </p>
                      </div>
                      {k.revokedAt ? null : <RevokeKeyButton id={k.id} name={k.name} />}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
