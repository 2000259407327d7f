import { Alert, Button, formatDateTime } from '@prood/ui';
import { TRPCClientError } from '@trpc/client';
import Link from 'next/link';
import { ResendVerificationButton } from '../../../../components/shell';
import { InvitationAnswer } from '../../../../components/team-forms';
import { getTrpc, isUnauthorized } from '../../../../server/trpc';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Invitation · prood' };

const AS = { owner: 'an owner', admin: 'an admin', member: 'a member' } as Record<string, string>;

/**
 * Where an invitation mail leads. Signed out: sign in or create an account, then come back here.
 * Signed in: who invited you to what, and join or decline; only the invited address can.
 */
export default async function InvitationPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const here = `/invitations/${encodeURIComponent(id)}`;
  const trpc = await getTrpc();
  try {
    const invitation = await trpc.members.invitation.query({ invitationId: id });
    return (
      <>
        <h1 className="mb-2 text-xl font-semibold">Join {invitation.organizationName}</h1>
        <p className="mb-4 text-sm text-muted">
          {invitation.inviterEmail} invited {invitation.email} to join as{' '}
          {AS[invitation.role] ?? invitation.role}. The invitation works until{' '}
          {formatDateTime(invitation.expiresAt, 'en')}.
        </p>
        <InvitationAnswer
          invitationId={invitation.id}
          organizationName={invitation.organizationName}
        />
      </>
    );
  } catch (error) {
    if (isUnauthorized(error)) {
      return (
        <>
          <h1 className="mb-2 text-xl font-semibold">You have been invited to prood</h1>
          <p className="mb-4 text-sm text-muted">
            Sign in, or create an account, with the email address the invitation was sent to.
          </p>
          <div className="flex flex-col gap-3">
            <Button asChild block>
              <Link href={`/sign-in?next=${encodeURIComponent(here)}`}>Sign in</Link>
            </Button>
            <Button asChild block variant="secondary">
              <Link href={`/sign-up?next=${encodeURIComponent(here)}`}>Create an account</Link>
            </Button>
          </div>
        </>
      );
    }
    if (!(error instanceof TRPCClientError)) throw error;
    const code = error.data?.appCode as string | null | undefined;
    const bad = error.data?.code === 'BAD_REQUEST';
    return (
      <>
        <h1 className="mb-4 text-xl font-semibold">This invitation cannot be used</h1>
        <Alert tone={code === 'email_not_verified' ? 'warning' : 'danger'}>
          {bad ? 'This invitation link is not valid. Ask for a new one.' : error.message}
          {code === 'email_not_verified' ? (
            <div className="mt-2">
              <ResendVerificationButton />
            </div>
          ) : null}
        </Alert>
        <p className="mt-4 text-center text-sm text-muted">
          <Link href="/" className="font-medium text-fg underline underline-offset-2">
            Go to the dashboard
          </Link>
        </p>
      </>
    );
  }
}
