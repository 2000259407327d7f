import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/** Arguments every tenant-scoped query takes. */
export interface TenantScope {
  tenantId: string;
}

/**
 * The one place a tenant predicate is built: `tenantId = $1 AND …`. Query functions combine
 * their own filter with it, so forgetting the tenant is not possible by construction.
 */
export function scoped(
  table: { tenantId: PgColumn },
  { tenantId }: TenantScope,
  ...filters: Array<SQL | undefined>
): SQL {
  if (!tenantId) throw new Error('tenantId is required for a tenant-scoped query');
  const predicate = and(eq(table.tenantId, tenantId), ...filters);
  if (!predicate) throw new Error('unreachable: tenant predicate is empty');
  return predicate;
}

/**
 * `scoped` for a statement built once (`reusable`): the tenant is the `tenantId` placeholder,
 * which `reusable` refuses to run without.
 */
export function scopedStatement(
  table: { tenantId: PgColumn },
  ...filters: Array<SQL | undefined>
): SQL {
  const predicate = and(eq(table.tenantId, sql.placeholder('tenantId')), ...filters);
  if (!predicate) throw new Error('unreachable: tenant predicate is empty');
  return predicate;
}
