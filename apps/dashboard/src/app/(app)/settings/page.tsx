import {
  Badge,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  EmptyState,
} from '@prood/ui';
import { getTranslations } from 'next-intl/server';
import { EventTime } from '../../../components/event-time';
import { PageHeader } from '../../../components/page-header';
import { RevokeKeyButton } from '../../../components/revoke-key-button';
import { loadPage } from '../../../server/trpc';
import { CreateKeyForm } from './create-key-form';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const [t, common] = await Promise.all([getTranslations('settings'), getTranslations('common')]);
  return { title: common('pageTitle', { page: t('title') }) };
}

export default async function Settings() {
  const { organization, me, keys } = await loadPage(async (trpc) => {
    const [organization, me] = await Promise.all([
      trpc.settings.organization.query(),
      trpc.account.me.query(),
    ]);
    const canManage = organization.role === 'owner' || organization.role === 'admin';
    return { organization, me, keys: canManage ? await trpc.settings.apiKeys.query() : null };
  });
  const t = await getTranslations('settings');
  const lastUsed = (at: Date | string | null) =>
    at
      ? t.rich('keys.lastUsed', { when: () => <EventTime value={new Date(at).toISOString()} /> })
      : t('keys.neverUsed');
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('title')} description={t('description')} />
      <Card>
        <CardHeader>
          <CardTitle>{t('keys.title')}</CardTitle>
          <CardDescription>
            {t.rich('keys.description', { code: (chunks) => <code>{chunks}</code> })}
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-6">
          {keys === null ? (
            <p className="text-sm text-muted">
              {t('keys.memberOnly', { organization: organization.name })}
            </p>
          ) : (
            <>
              <CreateKeyForm emailVerified={me.user.emailVerified} />
              {keys.length === 0 ? (
                <EmptyState title={t('keys.emptyTitle')}>{t('keys.emptyBody')}</EmptyState>
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
                            {k.mode === 'live' ? t('keys.live') : t('keys.test')}
                          </Badge>
                          {k.revokedAt ? (
                            <Badge tone="danger">{t('keys.revokedBadge')}</Badge>
                          ) : null}
                        </p>
                        <p className="text-sm text-muted">
                          <code>{k.displayPrefix}…</code> · {lastUsed(k.lastUsedAt)}
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
