import { newId } from '@prood/validators';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { members, organizations, users } from '../schema';
import type { TenantScope } from './scope';

export type Membership = Pick<typeof members.$inferSelect, 'organizationId' | 'role'>;

/**
 * The organization a signed-in user acts for: the session's active organization when the user
 * is a member of it, otherwise (no active organization) the user's first membership. This is
 * how a dashboard request finds its tenant, so it is not itself tenant-scoped.
 *
 * @example
 * const membership = await findMembership(db, { userId, organizationId: activeOrganizationId });
 */
export async function findMembership(
  db: Executor,
  input: { userId: string; organizationId: string | null },
): Promise<Membership | undefined> {
  const [row] = await db
    .select({ organizationId: members.organizationId, role: members.role })
    .from(members)
    .where(
      input.organizationId
        ? and(eq(members.organizationId, input.organizationId), eq(members.userId, input.userId))
        : eq(members.userId, input.userId),
    )
    .orderBy(members.createdAt)
    .limit(1);
  return row;
}

/** The organizations a user belongs to, with their role, oldest membership first. */
export async function listUserOrganizations(
  db: Executor,
  { userId }: { userId: string },
): Promise<Array<{ id: string; name: string; role: Membership['role'] }>> {
  return db
    .select({ id: organizations.id, name: organizations.name, role: members.role })
    .from(members)
    .innerJoin(organizations, eq(organizations.id, members.organizationId))
    .where(eq(members.userId, userId))
    .orderBy(asc(members.createdAt));
}

/** Whether the user is a member of the organization. */
export async function isMember(
  db: Executor,
  input: { userId: string; organizationId: string },
): Promise<boolean> {
  const [row] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.organizationId, input.organizationId), eq(members.userId, input.userId)));
  return row !== undefined;
}

/** A new organization with `userId` as its owner, in the caller's transaction. */
export async function insertOrganizationWithOwner(
  tx: Executor,
  input: { organizationId: string; name: string; userId: string },
): Promise<void> {
  const id = input.organizationId;
  await tx
    .insert(organizations)
    .values({ id, name: input.name, slug: id.replace(/^org_/, '').toLowerCase() });
  await tx
    .insert(members)
    .values({ id: newId('member'), organizationId: id, userId: input.userId, role: 'owner' });
}

/**
 * Serializes the first-organization creation of one user for the rest of the caller's
 * transaction (a transaction-scoped advisory lock), so two parallel first sign-ins create one.
 */
export async function lockFirstOrganizationOf(tx: Executor, { userId }: { userId: string }) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`first-org:${userId}`}))`);
}

export async function getUserName(
  db: Executor,
  { userId }: { userId: string },
): Promise<string | undefined> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name;
}

/** The emails of the tenant's owners and admins (who hear about what needs the merchant). */
export async function listTenantAdminEmails(db: Executor, scope: TenantScope): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(
      and(eq(members.organizationId, scope.tenantId), sql`${members.role} in ('owner', 'admin')`),
    );
  return rows.map((row) => row.email);
}
