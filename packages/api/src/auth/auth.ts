import {
  type Database,
  type Executor,
  findMembership,
  getUserName,
  insertOrganizationWithOwner,
  lockFirstOrganizationOf,
} from '@prood/db';
import {
  accounts,
  invitations,
  members,
  organizations,
  sessions,
  users,
  verifications,
} from '@prood/db/schema';
import { type IdKind, newId } from '@prood/validators';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { organization } from 'better-auth/plugins';
import type { Mailer } from '../jobs/mailer';
import { accountMail } from './account-mail';

const ID_KIND_BY_MODEL: Record<string, IdKind> = {
  user: 'user',
  session: 'session',
  account: 'account',
  verification: 'verification',
  organization: 'organization',
  member: 'member',
  invitation: 'invitation',
};

/** An invitation link works for 7 days. */
const INVITATION_LIFETIME_SECONDS = 60 * 60 * 24 * 7;

export interface AuthOptions {
  db: Database;
  secret: string;
  /** Public URL where `/api/auth` is served (the dashboard, which proxies it). */
  baseURL: string;
  trustedOrigins: string[];
  /** Sends verification and password-reset mail (into `mail_outbox`, and SMTP when set). */
  mailer?: Mailer | undefined;
  /**
   * Give a user with no organization their own at first sign-in (default). The seed turns it
   * off: its demo user joins the demo tenant instead.
   */
  personalOrganization?: boolean | undefined;
}

/**
 * The user's first organization; when they have none (a fresh sign-up), one is created with them
 * as its owner. An advisory lock per user makes two parallel first sign-ins create one, not two.
 */
async function firstOrganizationOf(
  db: Database,
  userId: string,
  create: boolean,
): Promise<string | null> {
  const first = async (executor: Executor) =>
    (await findMembership(executor, { userId, organizationId: null }))?.organizationId ?? null;
  const existing = await first(db);
  if (existing || !create) return existing;
  return db.transaction(async (tx) => {
    await lockFirstOrganizationOf(tx, { userId });
    const raced = await first(tx);
    if (raced) return raced;
    const userName = await getUserName(tx, { userId });
    const organizationId = newId('organization');
    const name = userName?.trim() ? `${userName.trim()}'s organization` : 'My organization';
    await insertOrganizationWithOwner(tx, { organizationId, name: name.slice(0, 100), userId });
    return organizationId;
  });
}

/**
 * Dashboard sign-in: better-auth with email + password and organizations (owner, admin,
 * member) on the platform's own tables. Ids are the platform's prefixed ids (`usr_`, `org_`…).
 *
 * @example
 * const auth = createAuth({ db, secret, baseURL: 'http://localhost:3001', trustedOrigins: [] });
 * await auth.api.signUpEmail({ body: { email, password, name } });
 */
export function createAuth(options: AuthOptions) {
  const mailer = options.mailer;
  return betterAuth({
    secret: options.secret,
    baseURL: options.baseURL,
    basePath: '/api/auth',
    trustedOrigins: options.trustedOrigins,
    telemetry: { enabled: false },
    // sign-up, sign-in and the account mails are limited by `withAuthRateLimits` in the shared
    // store (Upstash in production) per IP and account, as configured; better-auth's own rules
    // for them (3 per 10 s per IP, in each process's memory) would refuse what that allows
    rateLimit: {
      customRules: {
        '/sign-up/email': false,
        '/sign-in/email': false,
        '/request-password-reset': false,
        '/send-verification-email': false,
      },
    },
    database: drizzleAdapter(options.db, {
      provider: 'pg',
      schema: {
        user: users,
        session: sessions,
        account: accounts,
        verification: verifications,
        organization: organizations,
        member: members,
        invitation: invitations,
      },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 128,
      // test mode works at once; going live checks `emailVerified` (see `requireVerifiedEmail`)
      requireEmailVerification: false,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      sendResetPassword: async ({ user, url }) => {
        await mailer?.send(options.db, accountMail.passwordReset({ user, url }));
      },
    },
    emailVerification: {
      sendOnSignUp: Boolean(mailer),
      autoSignInAfterVerification: true,
      expiresIn: 60 * 60 * 24,
      sendVerificationEmail: async ({ user, url }) => {
        await mailer?.send(options.db, accountMail.verification({ user, url }));
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    advanced: {
      database: {
        generateId: ({ model }) => newId(ID_KIND_BY_MODEL[model] ?? 'verification'),
      },
    },
    databaseHooks: {
      session: {
        create: {
          // Sign-in lands in the user's first organization, so the dashboard has a tenant at once.
          // and a user with none gets their own, so nobody lands on "Choose an organization".
          before: async (session) => {
            const activeOrganizationId = await firstOrganizationOf(
              options.db,
              session.userId,
              options.personalOrganization !== false,
            );
            return { data: { ...session, activeOrganizationId } };
          },
        },
      },
    },
    plugins: [
      organization({
        creatorRole: 'owner',
        allowUserToCreateOrganization: true,
        invitationExpiresIn: INVITATION_LIFETIME_SECONDS,
        // inviting an address again replaces its pending invitation (a fresh link, one mail)
        cancelPendingInvitationsOnReInvite: true,
        sendInvitationEmail: async ({ id, email, role, organization: org, inviter }) => {
          await mailer?.send(
            options.db,
            accountMail.invitation({
              organizationId: org.id,
              email,
              role,
              organizationName: org.name,
              inviterName: inviter.user.name || inviter.user.email,
              url: new URL(`/invitations/${id}`, options.baseURL).toString(),
            }),
          );
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
