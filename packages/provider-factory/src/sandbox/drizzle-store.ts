import type { Executor } from '@prood/db';
import { sandboxObjects } from '@prood/db/schema';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { SandboxKind, SandboxMatch, SandboxRecord, SandboxStore } from './store';

// The revision lives inside the JSON so the shared table needs no sandbox-only column.
const REV = '_rev';

type Row = typeof sandboxObjects.$inferSelect;

function toRecord<T>(row: Row): SandboxRecord<T> {
  const { [REV]: rev, ...data } = row.data;
  return {
    id: row.id,
    tenantId: row.tenantId,
    kind: row.kind as SandboxKind,
    data: data as T,
    rev: typeof rev === 'number' ? rev : 1,
    createdAt: row.createdAt,
  };
}

/**
 * The sandbox store on Postgres (`sandbox_objects`), shared by every app instance.
 *
 * @example
 * const store = createDrizzleSandboxStore(getDatabase());
 */
export function createDrizzleSandboxStore(db: Executor): SandboxStore {
  return {
    async get<T>(kind: SandboxKind, id: string, tenantId?: string) {
      const filters: SQL[] = [eq(sandboxObjects.id, id), eq(sandboxObjects.kind, kind)];
      if (tenantId !== undefined) filters.push(eq(sandboxObjects.tenantId, tenantId));
      const [row] = await db
        .select()
        .from(sandboxObjects)
        .where(and(...filters))
        .limit(1);
      return row ? toRecord<T>(row) : undefined;
    },
    async insert(record) {
      const inserted = await db
        .insert(sandboxObjects)
        .values({
          id: record.id,
          tenantId: record.tenantId,
          kind: record.kind,
          data: { ...(record.data as Record<string, unknown>), [REV]: 1 },
        })
        .onConflictDoNothing({ target: sandboxObjects.id })
        .returning({ id: sandboxObjects.id });
      return inserted.length === 1;
    },
    async update(kind, target, data) {
      const updated = await db
        .update(sandboxObjects)
        .set({ data: { ...(data as Record<string, unknown>), [REV]: target.rev + 1 } })
        .where(
          and(
            eq(sandboxObjects.id, target.id),
            eq(sandboxObjects.tenantId, target.tenantId),
            eq(sandboxObjects.kind, kind),
            sql`coalesce((${sandboxObjects.data}->>${REV})::int, 1) = ${target.rev}`,
          ),
        )
        .returning({ id: sandboxObjects.id });
      return updated.length === 1;
    },
    async find<T>(
      kind: SandboxKind,
      query: { tenantId?: string; match?: SandboxMatch; limit?: number } = {},
    ) {
      const filters: SQL[] = [eq(sandboxObjects.kind, kind)];
      if (query.tenantId !== undefined) filters.push(eq(sandboxObjects.tenantId, query.tenantId));
      if (query.match && Object.keys(query.match).length > 0) {
        filters.push(sql`${sandboxObjects.data} @> ${JSON.stringify(query.match)}::jsonb`);
      }
      const rows = await db
        .select()
        .from(sandboxObjects)
        .where(and(...filters))
        .orderBy(asc(sandboxObjects.createdAt), asc(sandboxObjects.id))
        .limit(query.limit ?? 100);
      return rows.map((row) => toRecord<T>(row));
    },
  };
}
