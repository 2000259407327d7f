import { Socket } from 'node:net';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createDatabase, type Database, preparingClient } from './client';

let db: Database;
beforeAll(() => {
  // two connections for many callers: every transaction competes with pipelined statements
  db = createDatabase(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db.$client.end();
});

/** A pool whose connections pipeline one statement at a time, so a busy connection is full. */
function narrowPool() {
  // max_pipeline: an option postgres.js reads but does not declare in its types
  const options = { max: 2, max_pipeline: 1, onnotice: () => {} } as postgres.Options<
    Record<string, postgres.PostgresType>
  >;
  return postgres(inject('databaseUrl'), options);
}

describe('transactions', () => {
  it('never share their connection with statements from outside them', async () => {
    // a back-pressured socket is when postgres.js's `begin` left a connection unreserved inside
    // its transaction (patches/postgres*.patch)
    const big = 'x'.repeat(2 * 1024);
    const outside = async () => {
      const [row] = await db.execute<{ xact: string | null; n: number }>(
        sql`select pg_current_xact_id_if_assigned()::text as xact, length(${big}) as n`,
      );
      return row?.xact ?? null;
    };
    const inside = () =>
      db.transaction(async (tx) => {
        // assigns this transaction an id, then reads it again after a large statement
        const [first] = await tx.execute<{ xact: string }>(
          sql`select pg_current_xact_id()::text as xact, length(${big}) as n`,
        );
        const [again] = await tx.execute<{ xact: string | null }>(
          sql`select pg_current_xact_id_if_assigned()::text as xact`,
        );
        return [first?.xact, again?.xact];
      });
    // more callers than two connections' pipelines hold (postgres.js pipelines up to 100 each)
    const runs = await Promise.all(
      Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? inside() : outside())),
    );
    for (const [i, run] of runs.entries()) {
      if (i % 3 === 0) {
        const [first, again] = run as [string, string];
        expect(again).toBe(first);
      } else {
        // a statement from outside never ran inside somebody's open transaction
        expect(run).toBeNull();
      }
    }
    const ids = runs.filter((_, i) => i % 3 === 0).map((r) => (r as string[])[0]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('start on a connection of their own even when every connection is busy', async () => {
    // one statement per connection in flight: postgres.js's `begin` is then queued onto a busy
    // connection whose pipeline is full; unpatched, it never marks that connection reserved
    // (UNSAFE_TRANSACTION), and the statements that follow run inside its transaction
    const pool = narrowPool();
    const client = preparingClient(pool, () => false);
    try {
      await Promise.all([pool`select 1`, pool`select 1`]);
      const busy = [pool`select pg_sleep(0.05)`.execute(), pool`select pg_sleep(0.05)`.execute()];
      await new Promise((resolve) => setImmediate(resolve));
      const transaction = client.begin(async (tx) => {
        const [row] = await tx`select pg_current_xact_id()::text as xact`;
        await new Promise((resolve) => setTimeout(resolve, 100));
        return row?.xact;
      });
      await new Promise((resolve) => setTimeout(resolve, 70));
      const [outside] = await pool`select pg_current_xact_id_if_assigned()::text as xact`;
      await Promise.all(busy);
      expect(await transaction).toMatch(/^\d+$/);
      expect(outside?.xact).toBeNull();
    } finally {
      await pool.end({ timeout: 1 });
    }
  });

  it('commit what statements outside a transaction wrote while every connection was busy', async () => {
    // the harm of the race: an autocommit write that lands in somebody's abandoned transaction
    // is lost when that connection closes
    const pool = narrowPool();
    const table = `tx_race_${process.pid}_${Date.now()}`;
    try {
      await pool.unsafe(`create table ${table} (v int)`);
      const busy = [pool`select pg_sleep(0.05)`.execute(), pool`select pg_sleep(0.05)`.execute()];
      await new Promise((resolve) => setImmediate(resolve));
      const transaction = pool
        .begin(async (tx) => {
          await tx`select 1`;
        })
        .catch((error: unknown) => error);
      const writes = Array.from({ length: 6 }, (_, i) =>
        pool.unsafe(`insert into ${table} values (${i})`),
      );
      await Promise.all([...busy, ...writes]);
      const outcome = await transaction;
      await pool.end({ timeout: 1 });
      const check = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
      try {
        const [row] = await check.unsafe(`select count(*)::int as n from ${table}`);
        expect(row?.n).toBe(6);
        expect(outcome).toBeUndefined();
      } finally {
        await check.unsafe(`drop table ${table}`);
        await check.end();
      }
    } finally {
      await pool.end({ timeout: 1 });
    }
  });

  it('send their first statements in the same write as BEGIN', async () => {
    // patches/postgres*.patch: a plain BEGIN is not awaited before the statements behind it
    const pool = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    try {
      await pool`select 1`;
      const writes = vi.spyOn(Socket.prototype, 'write');
      const value = await pool.begin(async (tx) => {
        const [row] = await tx`select 41 + 1 as v`;
        return row?.v;
      });
      expect(value).toBe(42);
      // BEGIN with the select, then COMMIT
      expect(writes).toHaveBeenCalledTimes(2);
      writes.mockRestore();
    } finally {
      await pool.end();
    }
  });

  it('run nothing when a BEGIN with options fails', async () => {
    const pool = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    try {
      await pool`create temporary table b (v int)`;
      let ran = false;
      await expect(
        pool.begin('isolation level nonsense', async (tx) => {
          ran = true;
          await tx`insert into b values (1)`;
        }),
      ).rejects.toThrow(/syntax|nonsense/);
      expect(ran).toBe(false);
      expect(await pool`select v from b`).toEqual([]);
    } finally {
      await pool.end();
    }
  });

  it('keep the isolation level drizzle asks for', async () => {
    const level = await db.transaction(
      async (tx) => {
        const [row] = await tx.execute<{ level: string }>(
          sql`select current_setting('transaction_isolation') as level`,
        );
        return row?.level;
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    expect(level).toBe('repeatable read');
  });

  it('roll back what the callback wrote when it throws, and nest with savepoints', async () => {
    const pool = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    const single = drizzle(pool);
    try {
      await pool`create temporary table s (v int)`;
      await expect(
        single.transaction(async (tx) => {
          await tx.execute(sql`insert into s values (0)`);
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      await single.transaction(async (tx) => {
        await tx.execute(sql`insert into s values (1)`);
        await expect(
          tx.transaction(async (inner) => {
            await inner.execute(sql`insert into s values (2)`);
            throw new Error('inner');
          }),
        ).rejects.toThrow('inner');
        await tx.execute(sql`insert into s values (3)`);
      });
      expect(await pool`select v from s order by v`).toEqual([{ v: 1 }, { v: 3 }]);
    } finally {
      await pool.end();
    }
  });
});
