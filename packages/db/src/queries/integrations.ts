import { newId } from '@prood/validators';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { reusable } from '../reusable';
import { integrations, organizations } from '../schema';
import { scoped, type TenantScope } from './scope';

export type Integration = typeof integrations.$inferSelect;
export type Organization = typeof organizations.$inferSelect;

export async function getOrganization(
  db: Executor,
  { tenantId }: TenantScope,
): Promise<Organization | undefined> {
  if (!tenantId) throw new Error('tenantId is required for a tenant-scoped query');
  const [row] = await reusable(
    db,
    'organizations.get',
    (d) =>
      d
        .select()
        .from(organizations)
        .where(eq(organizations.id, sql.placeholder('organizationId')))
        .limit(1),
    { organizationId: tenantId },
  );
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
  if (!scope.tenantId) throw new Error('tenantId is required for a tenant-scoped query');
  // built once per process: this runs for every webhook
  const [row] = await reusable(
    db,
    'integrations.organization-integration',
    (d) =>
      d
        .select({ organizationId: organizations.id, integration: integrations })
        .from(organizations)
        .leftJoin(
          integrations,
          and(
            eq(integrations.tenantId, organizations.id),
            eq(integrations.provider, sql.placeholder('provider')),
          ),
        )
        .where(eq(organizations.id, sql.placeholder('organizationId')))
        .limit(1),
    { provider: scope.provider, organizationId: scope.tenantId },
  );
  return { organizationExists: row !== undefined, integration: row?.integration ?? undefined };
}

/** Sealed credentials as stored on an integration row. */
export type SealedCredentials = Pick<
  Integration,
  'encryptedCredentials' | 'keyId' | 'maskedCredentials' | 'mode'
>;

/** Connects (or reconnects, enabled again) the tenant's integration for one provider. */
export async function upsertIntegration(
  db: Executor,
  scope: TenantScope & { provider: string; sealed: SealedCredentials },
): Promise<Integration> {
  const [row] = await db
    .insert(integrations)
    .values({
      id: newId('integration'),
      tenantId: scope.tenantId,
      provider: scope.provider,
      ...scope.sealed,
    })
    .onConflictDoUpdate({
      target: [integrations.tenantId, integrations.provider],
      set: { ...scope.sealed, enabled: true, updatedAt: new Date() },
    })
    .returning();
  if (!row) throw new Error('integration upsert returned no row');
  return row;
}

/** Removes the tenant's integration for a provider; `undefined` when there is none. */
export async function deleteIntegration(
  db: Executor,
  scope: TenantScope & { provider: string },
): Promise<{ provider: string } | undefined> {
  const [row] = await db
    .delete(integrations)
    .where(scoped(integrations, scope, eq(integrations.provider, scope.provider)))
    .returning({ provider: integrations.provider });
  return row;
}

export async function setIntegrationEnabled(
  db: Executor,
  scope: TenantScope & { provider: string; enabled: boolean },
): Promise<{ provider: string; enabled: boolean } | undefined> {
  const [row] = await db
    .update(integrations)
    .set({ enabled: scope.enabled })
    .where(scoped(integrations, scope, eq(integrations.provider, scope.provider)))
    .returning({ provider: integrations.provider, enabled: integrations.enabled });
  return row;
}

export type OrganizationSettings = Partial<
  Pick<
    Organization,
    'allowedOrigins' | 'allowPromotionCodes' | 'defaultCurrency' | 'unpaidOrderLifetimeSeconds'
  >
>;

/** Changes the tenant's own organization row. */
export async function updateOrganization(
  db: Executor,
  { tenantId, changes }: TenantScope & { changes: OrganizationSettings },
): Promise<Organization | undefined> {
  const [row] = await db
    .update(organizations)
    .set(changes)
    .where(eq(organizations.id, tenantId))
    .returning();
  return row;
}
