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
import {
  InvitationActions,
  InviteMemberForm,
  MemberRoleSelect,
  RemoveMemberButton,
} from '../../../components/team-forms';
import { env } from '../../../env';
import { loadPage } from '../../../server/trpc';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  const [t, common] = await Promise.all([getTranslations('team'), getTranslations('common')]);
  return { title: common('pageTitle', { page: t('title') }) };
}

const ROLES = ['owner', 'admin', 'member'] as const;
const isRole = (role: string): role is (typeof ROLES)[number] =>
  (ROLES as readonly string[]).includes(role);

export default async function TeamPage() {
  const { team, organization } = await loadPage(async (trpc) => {
    const [team, organization] = await Promise.all([
      trpc.members.list.query(),
      trpc.settings.organization.query(),
    ]);
    return { team, organization };
  });
  const youAreOwner = team.you.role === 'owner';
  const t = await getTranslations('team');
  const roleLabel = (role: string) => (isRole(role) ? t(`role.${role}`) : role);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t('title')}
        description={t('description', { organization: organization.name })}
      />
      {team.canManage ? (
        <Card>
          <CardHeader>
            <CardTitle>{t('invite.title')}</CardTitle>
            <CardDescription>{t('invite.description')}</CardDescription>
          </CardHeader>
          <CardContent>
            <InviteMemberForm canInviteAdmins />
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>{t('members.title')}</CardTitle>
        </CardHeader>
        <CardContent>
          <ul className="divide-y divide-border" aria-label={t('members.title')}>
            {team.members.map((m) => {
              const self = m.userId === team.you.userId;
              const mayChange = team.canManage && !self && (youAreOwner || m.role !== 'owner');
              return (
                <li
                  key={m.id}
                  className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3"
                >
                  <div className="min-w-0">
                    <p className="flex flex-wrap items-center gap-2 font-medium">
                      <span className="break-all">{m.name || m.email}</span>
                      {self ? <Badge tone="neutral">{t('members.you')}</Badge> : null}
                    </p>
                    <p className="break-all text-sm text-muted">
                      {t.rich('members.joined', {
                        email: m.email,
                        when: () => <EventTime value={new Date(m.joinedAt).toISOString()} />,
                      })}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    {mayChange ? (
                      <>
                        <MemberRoleSelect
                          memberId={m.id}
                          role={m.role}
                          name={m.name || m.email}
                          allowOwner={youAreOwner}
                        />
                        <RemoveMemberButton memberId={m.id} name={m.name || m.email} self={false} />
                      </>
                    ) : (
                      <Badge tone={m.role === 'member' ? 'neutral' : 'success'}>
                        {roleLabel(m.role)}
                      </Badge>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </CardContent>
      </Card>

      {team.canManage ? (
        <Card>
          <CardHeader>
            <CardTitle>{t('invitations.title')}</CardTitle>
          </CardHeader>
          <CardContent>
            {team.invitations.length === 0 ? (
              <EmptyState title={t('invitations.emptyTitle')}>
                {t('invitations.emptyBody')}
              </EmptyState>
            ) : (
              <ul className="divide-y divide-border" aria-label={t('invitations.title')}>
                {team.invitations.map((i) => (
                  <li
                    key={i.id}
                    className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3"
                  >
                    <div className="min-w-0">
                      <p className="break-all font-medium">{i.email}</p>
                      <p className="text-sm text-muted">
                        {t.rich('invitations.expires', {
                          role: roleLabel(i.role),
                          when: () => <EventTime value={new Date(i.expiresAt).toISOString()} />,
                        })}
                      </p>
                    </div>
                    <InvitationActions
                      invitationId={i.id}
                      email={i.email}
                      link={new URL(`/invitations/${i.id}`, env.DASHBOARD_URL).toString()}
                    />
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
