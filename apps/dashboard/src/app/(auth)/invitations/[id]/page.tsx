import { Alert, Button } from '@prood/ui';
import { TRPCClientError } from '@trpc/client';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { EventTime } from '../../../../components/event-time';
import { ResendVerificationButton } from '../../../../components/shell';
import { InvitationAnswer } from '../../../../components/team-forms';
import { getTrpc, isUnauthorized } from '../../../../server/trpc';

export const dynamic = 'force-dynamic';
export async function generateMetadata() {
  const [t, common] = await Promise.all([
    getTranslations('auth.invitation'),
    getTranslations('common'),
  ]);
  return { title: common('pageTitle', { page: t('title') }) };
}

/** The API's codes this page words itself; any other refusal keeps the API's message. */
const KNOWN_CODES = ['email_not_verified', 'not_found', 'forbidden'] as const;
const isKnownCode = (code: string | null | undefined): code is (typeof KNOWN_CODES)[number] =>
  (KNOWN_CODES as readonly (string | null | undefined)[]).includes(code);

/**
 * Where an invitation mail leads. Signed out: sign in or create an account, then come back here.
 * Signed in: who invited you to what, and join or decline; only the invited address can.
 */
export default async function InvitationPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const here = `/invitations/${encodeURIComponent(id)}`;
  const trpc = await getTrpc();
  const t = await getTranslations('auth.invitation');
  try {
    const invitation = await trpc.members.invitation.query({ invitationId: id });
    return (
      <>
        <h1 className="mb-2 text-xl font-semibold">
          {t('join', { organization: invitation.organizationName })}
        </h1>
        <p className="mb-4 text-sm text-muted">
          {t.rich('details', {
            inviter: invitation.inviterEmail,
            email: invitation.email,
            role: invitation.role,
            until: () => <EventTime value={new Date(invitation.expiresAt).toISOString()} />,
          })}
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
          <h1 className="mb-2 text-xl font-semibold">{t('invitedHeading')}</h1>
          <p className="mb-4 text-sm text-muted">{t('invitedLead')}</p>
          <div className="flex flex-col gap-3">
            <Button asChild block>
              <Link href={`/sign-in?next=${encodeURIComponent(here)}`}>{t('signIn')}</Link>
            </Button>
            <Button asChild block variant="secondary">
              <Link href={`/sign-up?next=${encodeURIComponent(here)}`}>{t('signUp')}</Link>
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
        <h1 className="mb-4 text-xl font-semibold">{t('unusableHeading')}</h1>
        <Alert tone={code === 'email_not_verified' ? 'warning' : 'danger'}>
          {bad ? t('notValid') : isKnownCode(code) ? t(`codes.${code}`) : error.message}
          {code === 'email_not_verified' ? (
            <div className="mt-2">
              <ResendVerificationButton />
            </div>
          ) : null}
        </Alert>
        <p className="mt-4 text-center text-sm text-muted">
          <Link href="/" className="font-medium text-fg underline underline-offset-2">
            {t('toDashboard')}
          </Link>
        </p>
      </>
    );
  }
}
