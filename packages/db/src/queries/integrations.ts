import { eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { integrations, organizations } from '../schema';
import { scoped, type TenantScope } from './scope';

export type Integration = typeof integrations.$inferSelect;
export type Organization = typeof organizations.$inferSelect;

export async function getOrganization(
  db: Executor,
  { tenantId }: TenantScope,
): Promise<Organization | undefined> {
  const [row] = await db
    .select()
    .from(organizations)
    .where(eq(organizations.id, tenantId))
    .limit(1);
  return row;
}

export async function getIntegration(
  db: Executor,
  scope: TenantScope & { provider: string },
): Promise<Integration | undefined> {
  const [row] = await db
    .select()
    .from(integrations)
    .where(scoped(integrations, scope, eq(integrations.provider, scope.provider)))
    .limit(1);
  return row;
}

export async function listIntegrations(db: Executor, scope: TenantScope): Promise<Integration[]> {
  return db.select().from(integrations).where(scoped(integrations, scope));
}
