import { insertOrganizationWithOwner, isMember, listUserOrganizations } from '@prood/db';
import { newId } from '@prood/validators';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { ApiError } from '../../errors';
import { listAccountMail } from '../../jobs/mailer';
import { protectedProcedure, router } from '../init';

const organizationId = z.string().regex(/^org_[0-9A-Za-z]+$/, 'must be an organization id');

/** The signed-in person: who they are, whether their email is confirmed, their organizations. */
export const accountRouter = router({
  me: protectedProcedure.query(async ({ ctx }) => {
    const memberships = await listUserOrganizations(ctx.db, { userId: ctx.user.id });
    const active =
      memberships.find((m) => m.id === ctx.activeOrganizationId) ?? memberships[0] ?? null;
    return {
      user: {
        id: ctx.user.id,
        name: ctx.user.name,
        email: ctx.user.email,
        emailVerified: Boolean(ctx.user.emailVerified),
      },
      organizations: memberships,
      activeOrganization: active,
    };
  }),
  /** Sends the verification mail again (into the outbox, and SMTP when set). */
  resendVerification: protectedProcedure.mutation(async ({ ctx }) => {
    if (ctx.user.emailVerified) {
      throw new ApiError('conflict', 'Your email address is confirmed already.');
    }
    await ctx.auth.api.sendVerificationEmail({
      body: { email: ctx.user.email, callbackURL: '/?verified=1' },
      headers: ctx.headers,
    });
    return { sentTo: ctx.user.email };
  }),
  /** Account mail (verification, password reset) the platform sent this person. */
  mail: protectedProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).default(20) }))
    .query(({ ctx, input }) =>
      listAccountMail(ctx.db, { userId: ctx.user.id, limit: input.limit }),
    ),
  switchOrganization: protectedProcedure
    .input(z.object({ organizationId }))
    .mutation(async ({ ctx, input }) => {
      const membership = await isMember(ctx.db, {
        userId: ctx.user.id,
        organizationId: input.organizationId,
      });
      // another organization's id answers like one that does not exist
      if (!membership) throw new ApiError('not_found', 'No such organization.');
      await ctx.auth.api.setActiveOrganization({
        body: { organizationId: input.organizationId },
        headers: ctx.headers,
      });
      return { organizationId: input.organizationId };
    }),
  /** A new organization with the signed-in person as its owner, made active at once. */
  createOrganization: protectedProcedure
    .input(z.object({ name: z.string().trim().min(2).max(100) }))
    .mutation(async ({ ctx, input }) => {
      const id = newId('organization');
      await ctx.db.transaction((tx) =>
        insertOrganizationWithOwner(tx, {
          organizationId: id,
          name: input.name,
          userId: ctx.user.id,
        }),
      );
      const switched = await ctx.auth.api
        .setActiveOrganization({ body: { organizationId: id }, headers: ctx.headers })
        .catch(() => null);
      if (!switched) {
        throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Could not switch.' });
      }
      return { id, name: input.name };
    }),
});
