'use client';

import { Alert, Button, ConfirmButton, Field, Input, Select, toast } from '@prood/ui';
import { useRouter } from 'next/navigation';
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
        <Field id="invite-email" label="Email address" error={fieldError}>
          <Input name="email" type="email" autoComplete="off" placeholder="name@company.com" />
        </Field>
        <Field id="invite-role" label="Role">
          <Select name="role" defaultValue="member">
            <option value="member">Member</option>
            {canInviteAdmins ? <option value="admin">Admin</option> : null}
          </Select>
        </Field>
        <Button type="submit" disabled={pending} className="sm:mt-6">
          {pending ? 'Sending…' : 'Send invitation'}
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
  return (
    <Select
      key={`${role}-${attempt}`}
      aria-label={`Role of ${name}`}
      defaultValue={role}
      disabled={pending}
      className="w-32"
      onChange={(event) => {
        const next = event.currentTarget.value as Role;
        start(async () => {
          const result = await changeMemberRoleAction(memberId, next);
          if (result.ok)
            toast.success(`${name} is now ${next === 'admin' ? 'an admin' : `a ${next}`}.`);
          else toast.error(result.message);
          setAttempt((n) => n + 1);
          router.refresh();
        });
      }}
    >
      {allowOwner || role === 'owner' ? <option value="owner">Owner</option> : null}
      <option value="admin">Admin</option>
      <option value="member">Member</option>
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
  return (
    <ConfirmButton
      title={self ? 'Leave this organization?' : `Remove ${name}?`}
      description={
        self
          ? 'You lose access at once; an owner or admin has to invite you again.'
          : `${name} loses access to this organization at once. Their own account stays.`
      }
      confirmLabel={self ? 'Leave' : 'Remove'}
      onConfirm={remove}
      disabled={pending}
      variant="ghost"
    >
      {self ? 'Leave' : 'Remove'}
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
  return (
    <div className="flex flex-wrap gap-2">
      <Button
        type="button"
        size="sm"
        variant="secondary"
        aria-label={copied ? `Copied, link for ${email}` : `Copy link for ${email}`}
        onClick={async () => {
          await navigator.clipboard.writeText(link);
          setCopied(true);
          toast.success('Invitation link copied. It works only for that address.');
        }}
      >
        {copied ? 'Copied' : 'Copy link'}
      </Button>
      <ConfirmButton
        title={`Revoke the invitation for ${email}?`}
        description="The link in the mail stops working at once."
        confirmLabel="Revoke"
        onConfirm={revoke}
        disabled={pending}
        variant="ghost"
      >
        Revoke
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
  const [accept, accepting] = useActionToast(() => acceptInvitationAction(invitationId), setResult);
  const [decline, declining] = useActionToast(
    () => declineInvitationAction(invitationId),
    setResult,
  );
  return (
    <div className="flex flex-col gap-3">
      {result && !result.ok ? <Alert tone="danger">{result.message}</Alert> : null}
      <Button type="button" block onClick={accept} disabled={accepting || declining}>
        {accepting ? 'Joining…' : `Join ${organizationName}`}
      </Button>
      <Button
        type="button"
        block
        variant="ghost"
        onClick={decline}
        disabled={accepting || declining}
      >
        Decline
      </Button>
    </div>
  );
}
