'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { type ActionResult, failure, success } from './action-result';
import { getTrpc } from './trpc';

const refresh = () => revalidatePath('/', 'layout');

/** The invitation page's words for the API's refusals of an answer. */
async function invitationWords() {
  const t = await getTranslations('auth.invitation.codes');
  return {
    email_not_verified: t('email_not_verified'),
    not_found: t('not_found'),
    forbidden: t('forbidden'),
  };
}

export async function inviteMemberAction(
  _previous: ActionResult | null,
  form: FormData,
): Promise<ActionResult> {
  const email = String(form.get('email') ?? '').trim();
  const role = String(form.get('role') ?? 'member');
  try {
    await (await getTrpc()).members.invite.mutate({
      email,
      role: role === 'admin' ? 'admin' : 'member',
    });
  } catch (error) {
    return failure(error);
  }
  refresh();
  return success((await getTranslations('team.invite'))('sent', { email }));
}

export async function revokeInvitationAction(invitationId: string): Promise<ActionResult> {
  try {
    await (await getTrpc()).members.revokeInvitation.mutate({ invitationId });
  } catch (error) {
    return failure(error);
  }
  refresh();
  return success((await getTranslations('team.invitations'))('revoked'));
}

export async function changeMemberRoleAction(
  memberId: string,
  role: 'owner' | 'admin' | 'member',
): Promise<ActionResult> {
  try {
    await (await getTrpc()).members.changeRole.mutate({ memberId, role });
  } catch (error) {
    return failure(error);
  }
  refresh();
  return success((await getTranslations('team.members'))('roleSaved'));
}

export async function removeMemberAction(memberId: string): Promise<ActionResult> {
  try {
    await (await getTrpc()).members.remove.mutate({ memberId });
  } catch (error) {
    return failure(error);
  }
  refresh();
  return success((await getTranslations('team.members'))('removed'));
}

export async function acceptInvitationAction(invitationId: string): Promise<ActionResult> {
  try {
    await (await getTrpc()).members.accept.mutate({ invitationId });
  } catch (error) {
    return failure(error, await invitationWords());
  }
  refresh();
  redirect('/?joined=1');
}

export async function declineInvitationAction(invitationId: string): Promise<ActionResult> {
  try {
    await (await getTrpc()).members.decline.mutate({ invitationId });
  } catch (error) {
    return failure(error, await invitationWords());
  }
  redirect('/');
}
