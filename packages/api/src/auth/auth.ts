import type { Database } from '@prood/db';
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
import { eq } from 'drizzle-orm';

const ID_KIND_BY_MODEL: Record<string, IdKind> = {
  user: 'user',
  session: 'session',
  account: 'account',
  verification: 'verification',
  organization: 'organization',
  member: 'member',
  invitation: 'invitation',
};

export interface AuthOptions {
  db: Database;
  secret: string;
  /** Public URL where `/api/auth` is served (the dashboard, which proxies it). */
  baseURL: string;
  trustedOrigins: string[];
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
  return betterAuth({
    secret: options.secret,
    baseURL: options.baseURL,
    basePath: '/api/auth',
    trustedOrigins: options.trustedOrigins,
    telemetry: { enabled: false },
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
    emailAndPassword: { enabled: true, minPasswordLength: 10 },
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
          before: async (session) => {
            const [membership] = await options.db
              .select({ organizationId: members.organizationId })
              .from(members)
              .where(eq(members.userId, session.userId))
              .orderBy(members.createdAt)
              .limit(1);
            return {
              data: { ...session, activeOrganizationId: membership?.organizationId ?? null },
            };
          },
        },
      },
    },
    plugins: [organization({ creatorRole: 'owner', allowUserToCreateOrganization: true })],
  });
}

export type Auth = ReturnType<typeof createAuth>;
