import { idSchema } from '@prood/validators';
import { APIError } from 'better-auth/api';
import { z } from 'zod';
import { ApiError, type ErrorCode } from '../../errors';
import {
  adminProcedure,
  protectedProcedure,
  router,
  type TrpcContext,
  tenantProcedure,
} from '../init';

const memberId = idSchema('member');
const invitationId = idSchema('invitation');
/** Who an owner or admin can invite; a second owner is made by promoting a member. */
const invitedRole = z.enum(['admin', 'member']);
const memberRole = z.enum(['owner', 'admin', 'member']);

/**
 * better-auth's organization errors as the platform's stable codes. Its messages are good
 * English already; its codes (`USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION`) are not ours.
 */
const AUTH_ERROR_CODES: Record<string, [ErrorCode, string]> = {
  USER_IS_ALREADY_A_MEMBER_OF_THIS_ORGANIZATION: ['conflict', 'That person is a member already.'],
  USER_IS_ALREADY_INVITED_TO_THIS_ORGANIZATION: [
    'conflict',
    'That address has a pending invitation already.',
  ],
  INVITATION_NOT_FOUND: ['not_found', 'This invitation does not exist, was used or has expired.'],
  YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION: [
    'forbidden',
    'This invitation was sent to another email address. Sign in with that address to accept it.',
  ],
  MEMBER_NOT_FOUND: ['not_found', 'No such member.'],
  YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER: [
    'conflict',
    'An organization needs an owner: make someone else owner first.',
  ],
  YOU_CANNOT_LEAVE_THE_ORGANIZATION_WITHOUT_AN_OWNER: [
    'conflict',
    'An organization needs an owner: make someone else owner first.',
  ],
  YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER: [
    'forbidden',
    'Only an owner can change an owner or make one.',
  ],
  YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_MEMBER: ['forbidden', 'Only an owner can remove an owner.'],
  ORGANIZATION_MEMBERSHIP_LIMIT_REACHED: [
    'conflict',
    'This organization has reached its member limit.',
  ],
  EMAIL_VERIFICATION_REQUIRED_BEFORE_ACCEPTING_OR_REJECTING_INVITATION: [
    'email_not_verified',
    'Confirm your email address first: follow the link in the mail we sent you, then open the invitation again.',
  ],
  EMAIL_VERIFICATION_REQUIRED_FOR_INVITATION: [
    'email_not_verified',
    'Confirm your email address first: follow the link in the mail we sent you, then open the invitation again.',
  ],
  INVITATION_LIMIT_REACHED: ['conflict', 'Too many pending invitations: revoke some first.'],
};

/** Runs a better-auth call and answers its refusals with our codes (unknown ones as 400). */
async function viaAuth<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    const code = String((error.body as { code?: unknown } | undefined)?.code ?? '');
    const known = AUTH_ERROR_CODES[code];
    if (known) throw new ApiError(known[0], known[1]);
    const message = String((error.body as { message?: unknown } | undefined)?.message ?? '');
    throw new ApiError(
      error.statusCode === 403 ? 'forbidden' : 'validation_error',
      message || 'That change was refused.',
    );
  }
}

/** A member of this tenant, or not_found (another organization's member looks like none). */
async function memberOfTenant(
  ctx: { auth: TrpcContext['auth']; headers: Headers; tenantId: string },
  id: string,
) {
  const found = await viaAuth(() =>
    ctx.auth.api.listMembers({
      query: { organizationId: ctx.tenantId, limit: 200 },
      headers: ctx.headers,
    }),
  );
  const member = found.members.find((m) => m.id === id);
  if (!member) throw new ApiError('not_found', 'No such member.');
  return member;
}

/**
 * The organization's people: members and their roles, invitations by email (mailed through the
 * outbox, accepted at `/invitations/{id}` by the invited address only). better-auth keeps the
 * rules (who may invite whom, the last owner); this router scopes every call to the tenant.
 */
export const membersRouter = router({
  list: tenantProcedure.query(async ({ ctx }) => {
    const found = await viaAuth(() =>
      ctx.auth.api.listMembers({
        query: { organizationId: ctx.tenantId, limit: 200 },
        headers: ctx.headers,
      }),
    );
    const canManage = ctx.role === 'owner' || ctx.role === 'admin';
    const invitations = canManage
      ? await viaAuth(() =>
          ctx.auth.api.listInvitations({
            query: { organizationId: ctx.tenantId },
            headers: ctx.headers,
          }),
        )
      : [];
    const now = Date.now();
    return {
      you: { userId: ctx.user.id, role: ctx.role },
      canManage,
      members: found.members
        .map((m) => ({
          id: m.id,
          userId: m.userId,
          name: m.user.name,
          email: m.user.email,
          role: m.role as z.infer<typeof memberRole>,
          joinedAt: new Date(m.createdAt),
        }))
        .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime()),
      invitations: invitations
        .filter((i) => i.status === 'pending' && new Date(i.expiresAt).getTime() > now)
        .map((i) => ({
          id: i.id,
          email: i.email,
          role: i.role,
          expiresAt: new Date(i.expiresAt),
        })),
    };
  }),

  invite: adminProcedure
    .input(z.object({ email: z.email().trim().toLowerCase().max(254), role: invitedRole }))
    .mutation(async ({ ctx, input }) => {
      const invitation = await viaAuth(() =>
        ctx.auth.api.createInvitation({
          body: { email: input.email, role: input.role, organizationId: ctx.tenantId },
          headers: ctx.headers,
        }),
      );
      ctx.logger.info({ invitationId: invitation.id, role: input.role }, 'member invited');
      return { id: invitation.id, email: invitation.email, role: input.role };
    }),

  revokeInvitation: adminProcedure
    .input(z.object({ invitationId }))
    .mutation(async ({ ctx, input }) => {
      const pending = await viaAuth(() =>
        ctx.auth.api.listInvitations({
          query: { organizationId: ctx.tenantId },
          headers: ctx.headers,
        }),
      );
      // another organization's invitation answers like one that does not exist
      if (!pending.some((i) => i.id === input.invitationId && i.status === 'pending')) {
        throw new ApiError('not_found', 'No such invitation.');
      }
      await viaAuth(() =>
        ctx.auth.api.cancelInvitation({
          body: { invitationId: input.invitationId },
          headers: ctx.headers,
        }),
      );
      return { id: input.invitationId };
    }),

  changeRole: adminProcedure
    .input(z.object({ memberId, role: memberRole }))
    .mutation(async ({ ctx, input }) => {
      await memberOfTenant(ctx, input.memberId);
      await viaAuth(() =>
        ctx.auth.api.updateMemberRole({
          body: { memberId: input.memberId, role: input.role, organizationId: ctx.tenantId },
          headers: ctx.headers,
        }),
      );
      return { id: input.memberId, role: input.role };
    }),

  remove: adminProcedure.input(z.object({ memberId })).mutation(async ({ ctx, input }) => {
    await memberOfTenant(ctx, input.memberId);
    await viaAuth(() =>
      ctx.auth.api.removeMember({
        body: { memberIdOrEmail: input.memberId, organizationId: ctx.tenantId },
        headers: ctx.headers,
      }),
    );
    return { id: input.memberId };
  }),

  /** The invitation the signed-in person was sent: organization, inviter, role. */
  invitation: protectedProcedure.input(z.object({ invitationId })).query(async ({ ctx, input }) => {
    const found = await viaAuth(() =>
      ctx.auth.api.getInvitation({ query: { id: input.invitationId }, headers: ctx.headers }),
    );
    return {
      id: found.id,
      email: found.email,
      role: found.role,
      organizationName: found.organizationName,
      inviterEmail: found.inviterEmail,
      expiresAt: new Date(found.expiresAt),
    };
  }),

  /** Joins the organization and makes it the active one. */
  accept: protectedProcedure.input(z.object({ invitationId })).mutation(async ({ ctx, input }) => {
    const accepted = await viaAuth(() =>
      ctx.auth.api.acceptInvitation({
        body: { invitationId: input.invitationId },
        headers: ctx.headers,
      }),
    );
    const organizationId = accepted?.member.organizationId;
    if (!organizationId) throw new ApiError('not_found', 'No such invitation.');
    await viaAuth(() =>
      ctx.auth.api.setActiveOrganization({ body: { organizationId }, headers: ctx.headers }),
    );
    return { organizationId };
  }),

  decline: protectedProcedure.input(z.object({ invitationId })).mutation(async ({ ctx, input }) => {
    await viaAuth(() =>
      ctx.auth.api.rejectInvitation({
        body: { invitationId: input.invitationId },
        headers: ctx.headers,
      }),
    );
    return { id: input.invitationId };
  }),
});
