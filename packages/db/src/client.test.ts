import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, createPreparePolicy, type Database } from './client';
import { organizations } from './schema';
import { createTestTenant } from './testing';

let prepared: Database;
let unprepared: Database;
beforeAll(() => {
  // one connection each, so the statements a query leaves behind are on the connection we ask
  prepared = createDatabase(inject('databaseUrl'), { max: 1, prepare: true });
  unprepared = createDatabase(inject('databaseUrl'), { max: 1, prepare: false });
});
afterAll(async () => {
  await prepared.$client.end();
  await unprepared.$client.end();
});

/** Named statements the pool's one connection holds for the test's select. */
async function statementsOn(db: Database): Promise<number> {
  const rows = await db.$client<{ n: number }[]>`
    select count(*)::int as n from pg_prepared_statements
    where statement like 'select "id", "name" from "organizations"%'`;
  return rows[0]?.n ?? 0;
}

describe('createDatabase prepared statements', () => {
  it('keeps a drizzle statement prepared on the connection and answers the same rows', async () => {
    const tenant = await createTestTenant(prepared);
    const read = (db: Database) =>
      db
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        .where(eq(organizations.id, tenant.id));
    expect(await read(prepared)).toEqual([{ id: tenant.id, name: tenant.name }]);
    expect(await read(prepared)).toEqual([{ id: tenant.id, name: tenant.name }]);
    expect(await statementsOn(prepared)).toBe(1);
    // the same query through an unprepared pool leaves nothing behind
    expect(await read(unprepared)).toEqual([{ id: tenant.id, name: tenant.name }]);
    expect(await statementsOn(unprepared)).toBe(0);
  });

  it('prepares inside transactions and savepoints, and a rollback still undoes the writes', async () => {
    const tenant = await createTestTenant(prepared);
    const rename = (db: Parameters<Parameters<Database['transaction']>[0]>[0], name: string) =>
      db.update(organizations).set({ name }).where(eq(organizations.id, tenant.id));
    await prepared.transaction(async (tx) => {
      await rename(tx, 'Inside');
      await tx
        .transaction(async (inner) => {
          await rename(inner, 'Savepoint');
          throw new Error('roll the savepoint back');
        })
        .catch(() => undefined);
    });
    await expect(
      prepared.transaction(async (tx) => {
        await rename(tx, 'Rolled back');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const [row] = await prepared
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, tenant.id));
    expect(row?.name).toBe('Inside');
    const rows = await prepared.$client<{ n: number }[]>`
      select count(*)::int as n from pg_prepared_statements where statement like 'update "organizations"%'`;
    expect(rows[0]?.n).toBe(1);
  });

  it('runs raw drizzle SQL with parameters prepared too', async () => {
    const rows = await prepared.execute<{ answer: number }>(sql`select ${41}::int + 1 as answer`);
    expect([...rows]).toEqual([{ answer: 42 }]);
  });
});

describe('createPreparePolicy', () => {
  it('prepares statements with parameters, up to its limit of distinct texts', () => {
    const policy = createPreparePolicy(2);
    expect(policy('select 1', 0)).toBe(false);
    expect(policy('select $1', 1)).toBe(true);
    expect(policy('select $1, $2', 2)).toBe(true);
    // a third shape runs unnamed; the two kept ones stay prepared
    expect(policy('select $1, $2, $3', 3)).toBe(false);
    expect(policy('select $1', 1)).toBe(true);
    // a bulk statement is never kept
    expect(createPreparePolicy()('insert … values ($1 … $65)', 65)).toBe(false);
  });
});
