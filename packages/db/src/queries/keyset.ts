import { desc, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * Where a keyset page starts: the last row of the page before, `createdAt` at the database's
 * microsecond precision (`YYYY-MM-DDTHH:MM:SS.ffffffZ`), so no two rows of one instant are lost.
 */
export interface Keyset {
  createdAt: string;
  id: string;
}

/** A table a dashboard list pages through: newest first by (created, id). */
interface KeysetTable {
  createdAt: PgColumn;
  id: PgColumn;
}

/**
 * The pieces of a newest-first keyset page over `table`: the `createdAt` text to hand out as the
 * next page's start, the predicate for "after this keyset", the order, and the cut of one page
 * out of `limit + 1` rows read.
 *
 * @example
 * const page = keysetPage(coupons, scope);
 * const found = await db.select({ row: coupons, keysetAt: page.keysetAt }).from(coupons)
 *   .where(scoped(coupons, scope, page.after)).orderBy(...page.order).limit(page.limit + 1);
 * return page.cut(found);
 */
export function keysetPage(table: KeysetTable, scope: { after?: Keyset; limit: number }) {
  const limit = Math.min(Math.max(scope.limit, 1), 100);
  return {
    limit,
    keysetAt: sql<string>`to_char(${table.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    after: scope.after
      ? (sql`(${table.createdAt}, ${table.id}) < (${scope.after.createdAt}::timestamptz, ${scope.after.id})` as SQL)
      : undefined,
    order: [desc(table.createdAt), desc(table.id)] as const,
    cut<Row extends { id: string }>(
      found: Array<{ row: Row; keysetAt: string }>,
    ): { rows: Row[]; next: Keyset | null } {
      const page = found.slice(0, limit);
      const last = page.at(-1);
      return {
        rows: page.map((r) => r.row),
        next: found.length > limit && last ? { createdAt: last.keysetAt, id: last.row.id } : null,
      };
    },
  };
}
