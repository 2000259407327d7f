import { and, eq } from 'drizzle-orm';
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

/**
 * The tenant's integration for one provider and whether the tenant exists at all, in one
 * statement: webhook ingest answers an unknown organization and a missing integration
 * differently, and reads neither twice.
 *
 * @example
 * const { organizationExists, integration } = await getOrganizationIntegration(db, { tenantId, provider: 'sandbox' });
 */
export async function getOrganizationIntegration(
  db: Executor,
  scope: TenantScope & { provider: string },
): Promise<{ organizationExists: boolean; integration: Integration | undefined }> {
  const [row] = await db
    .select({ organizationId: organizations.id, integration: integrations })
    .from(organizations)
    .leftJoin(
      integrations,
      and(eq(integrations.tenantId, organizations.id), eq(integrations.provider, scope.provider)),
    )
    .where(eq(organizations.id, scope.tenantId))
    .limit(1);
  return { organizationExists: row !== undefined, integration: row?.integration ?? undefined };
}
