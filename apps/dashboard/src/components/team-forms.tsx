'use client';

import { Alert, Button, ConfirmButton, Field, Input, Select, toast } from '@prood/ui';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef, useState, useTransition } from 'react';
import type { ActionResult } from '../server/action-result';
import {
  acceptInvitationAction,
  changeMemberRoleAction,
  declineInvitationAction,
  inviteMemberAction,
  removeMemberAction,
  revokeInvitationAction,
} from '../server/member-actions';
import { keepValues } from './keep-values';
import { useActionToast } from './use-action';

type Role = 'owner' | 'admin' | 'member';

/** Invites one address; a refused invite keeps what was typed and says why next to the field. */
export function InviteMemberForm({ canInviteAdmins }: { canInviteAdmins: boolean }) {
  const [state, action, pending] = useActionState(inviteMemberAction, null);
  const form = useRef<HTMLFormElement>(null);
  const t = useTranslations('team');
  useEffect(() => {
    if (!state) return;
    if (state.ok) {
      toast.success(state.message);
      form.current?.reset();
    } else toast.error(state.message);
  }, [state]);
  const fieldError = state?.ok ? undefined : state?.fieldErrors?.email;
  return (
    <div className="flex flex-col gap-3">
      <form
        ref={form}
        action={action}
        onSubmit={keepValues(action)}
        noValidate
        className="grid gap-4 sm:grid-cols-[1fr_10rem_auto] sm:items-start"
      >
        <Field id="invite-email" label={t('invite.email')} error={fieldError}>
          <Input
            name="email"
            type="email"
            autoComplete="off"
            placeholder={t('invite.emailPlaceholder')}
          />
        </Field>
        <Field id="invite-role" label={t('invite.role')}>
          <Select name="role" defaultValue="member">
            <option value="member">{t('role.member')}</option>
            {canInviteAdmins ? <option value="admin">{t('role.admin')}</option> : null}
          </Select>
        </Field>
        <Button type="submit" disabled={pending} className="sm:mt-6">
          {pending ? t('invite.pending') : t('invite.submit')}
        </Button>
      </form>
      {state && !state.ok && !state.fieldErrors ? (
        <Alert tone="danger">{state.message}</Alert>
      ) : null}
    </div>
  );
}

/** Changing the select changes the role at once; a refused change snaps back to the saved one. */
export function MemberRoleSelect({
  memberId,
  role,
  name,
  allowOwner,
}: {
  memberId: string;
  role: Role;
  name: string;
  allowOwner: boolean;
}) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [attempt, setAttempt] = useState(0);
  const t = useTranslations('team');
  return (
    <Select
      key={`${role}-${attempt}`}
      aria-label={t('members.roleOf', { name })}
      defaultValue={role}
      disabled={pending}
      className="w-32"
      onChange={(event) => {
        const next = event.currentTarget.value as Role;
        start(async () => {
          const result = await changeMemberRoleAction(memberId, next);
          if (result.ok) toast.success(t('members.roleChanged', { name, role: next }));
          else toast.error(result.message);
          setAttempt((n) => n + 1);
          router.refresh();
        });
      }}
    >
      {allowOwner || role === 'owner' ? <option value="owner">{t('role.owner')}</option> : null}
      <option value="admin">{t('role.admin')}</option>
      <option value="member">{t('role.member')}</option>
    </Select>
  );
}

export function RemoveMemberButton({
  memberId,
  name,
  self,
}: {
  memberId: string;
  name: string;
  self: boolean;
}) {
  const router = useRouter();
  const [remove, pending] = useActionToast(
    () => removeMemberAction(memberId),
    () => router.refresh(),
  );
  const t = useTranslations('team.members');
  return (
    <ConfirmButton
      title={self ? t('leaveTitle') : t('removeTitle', { name })}
      description={self ? t('leaveDescription') : t('removeDescription', { name })}
      confirmLabel={self ? t('leave') : t('remove')}
      onConfirm={remove}
      disabled={pending}
      variant="ghost"
    >
      {self ? t('leave') : t('remove')}
    </ConfirmButton>
  );
}

export function InvitationActions({
  invitationId,
  email,
  link,
}: {
  invitationId: string;
  email: string;
  link: string;
}) {
  const router = useRouter();
  const [copied, setCopied] = useState(false);
  const [revoke, pending] = useActionToast(
    () => revokeInvitationAction(invitationId),
    () => router.refresh(),
  );
  const t = useTranslations('team.invitations');
  return (
    <div className="flex flex-wrap gap-2">
      <Button
        type="button"
        size="sm"
        variant="secondary"
        aria-label={copied ? t('copiedFor', { email }) : t('copyLinkFor', { email })}
        onClick={async () => {
          await navigator.clipboard.writeText(link);
          setCopied(true);
          toast.success(t('copiedToast'));
        }}
      >
        {copied ? t('copied') : t('copyLink')}
      </Button>
      <ConfirmButton
        title={t('revokeTitle', { email })}
        description={t('revokeDescription')}
        confirmLabel={t('revoke')}
        onConfirm={revoke}
        disabled={pending}
        variant="ghost"
      >
        {t('revoke')}
      </ConfirmButton>
    </div>
  );
}

/** Accept or decline, on the invitation's own page. */
export function InvitationAnswer({
  invitationId,
  organizationName,
}: {
  invitationId: string;
  organizationName: string;
}) {
  const [result, setResult] = useState<ActionResult | null>(null);
  const t = useTranslations('team.answer');
  const [accept, accepting] = useActionToast(() => acceptInvitationAction(invitationId), setResult);
  const [decline, declining] = useActionToast(
    () => declineInvitationAction(invitationId),
    setResult,
  );
  return (
    <div className="flex flex-col gap-3">
      {result && !result.ok ? <Alert tone="danger">{result.message}</Alert> : null}
      <Button type="button" block onClick={accept} disabled={accepting || declining}>
        {accepting ? t('joining') : t('join', { organization: organizationName })}
      </Button>
      <Button
        type="button"
        block
        variant="ghost"
        onClick={decline}
        disabled={accepting || declining}
      >
        {t('decline')}
      </Button>
    </div>
  );
}
