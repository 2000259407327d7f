import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { members } from '../schema';

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
