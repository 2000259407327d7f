import {
  Badge,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  EmptyState,
  formatDateTime,
} from '@prood/ui';
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
export const metadata = { title: 'Team · prood' };

const ROLE_LABEL = { owner: 'Owner', admin: 'Admin', member: 'Member' } as const;

export default async function TeamPage() {
  const { team, organization } = await loadPage(async (trpc) => {
    const [team, organization] = await Promise.all([
      trpc.members.list.query(),
      trpc.settings.organization.query(),
    ]);
    return { team, organization };
  });
  const youAreOwner = team.you.role === 'owner';
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Team"
        description={`The people who work on ${organization.name}. Owners and admins connect providers, manage keys, refund and invite; members can look but not change.`}
      />
      {team.canManage ? (
        <Card>
          <CardHeader>
            <CardTitle>Invite someone</CardTitle>
            <CardDescription>
              We mail them a link that works for 7 days, for that address only.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <InviteMemberForm canInviteAdmins />
          </CardContent>
        </Card>
      ) : null}

      <Card>
        <CardHeader>
          <CardTitle>Members</CardTitle>
        </CardHeader>
        <CardContent>
          <ul className="divide-y divide-border" aria-label="Members">
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
                      {self ? <Badge tone="neutral">You</Badge> : null}
                    </p>
                    <p className="break-all text-sm text-muted">
                      {m.email} · joined {formatDateTime(m.joinedAt, 'en')}
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
                        {ROLE_LABEL[m.role]}
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
            <CardTitle>Pending invitations</CardTitle>
          </CardHeader>
          <CardContent>
            {team.invitations.length === 0 ? (
              <EmptyState title="No pending invitations">
                Invitations appear here until they are accepted, revoked or expire.
              </EmptyState>
            ) : (
              <ul className="divide-y divide-border" aria-label="Pending invitations">
                {team.invitations.map((i) => (
                  <li
                    key={i.id}
                    className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 py-3"
                  >
                    <div className="min-w-0">
                      <p className="break-all font-medium">{i.email}</p>
                      <p className="text-sm text-muted">
                        {ROLE_LABEL[i.role as keyof typeof ROLE_LABEL] ?? i.role} · expires{' '}
                        {formatDateTime(i.expiresAt, 'en')}
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
