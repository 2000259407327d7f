import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database, preparingClient, reservedTransaction } from './client';

let db: Database;
beforeAll(() => {
  // two connections for many callers: every transaction competes with pipelined statements
  db = createDatabase(inject('databaseUrl'), { max: 2 });
});
afterAll(async () => {
  await db.$client.end();
});

/** The transaction id this statement runs in, or null outside a transaction with writes. */
const currentXact = sql`select pg_current_xact_id_if_assigned()::text as xact`;

describe('transactions', () => {
  it('never share their connection with statements from outside them', async () => {
    // a full pipeline or a back-pressured socket is when postgres.js's own `begin` left a
    // connection unreserved inside its transaction
    const big = 'x'.repeat(2 * 1024);
    const outside = async () => {
      const [row] = await db.execute<{ xact: string | null; n: number }>(
        sql`select pg_current_xact_id_if_assigned()::text as xact, length(${big}) as n`,
      );
      return row?.xact ?? null;
    };
    const inside = () =>
      db.transaction(async (tx) => {
        // assigns this transaction an id, then reads it twice around a large statement
        const [first] = await tx.execute<{ xact: string }>(
          sql`select pg_current_xact_id()::text as xact, length(${big}) as n`,
        );
        const [again] = await tx.execute<{ xact: string | null }>(currentXact);
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
    // one statement per connection in flight: postgres.js's own `begin` is then queued onto a busy
    // connection and, its pipeline full, never marks it reserved (UNSAFE_TRANSACTION), and the
    // statements that follow run inside its transaction
    // max_pipeline: an option postgres.js reads but does not declare in its types
    const options = { max: 2, max_pipeline: 1, onnotice: () => {} } as postgres.Options<
      Record<string, postgres.PostgresType>
    >;
    const pool = postgres(inject('databaseUrl'), options);
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

  it('roll back what the callback wrote when it throws, and commit otherwise', async () => {
    // temporary tables belong to a connection: use one the pool reserves for each transaction
    const pool = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    try {
      await pool`create temporary table t (v int)`;
      await expect(
        reservedTransaction(pool, '', async (tx) => {
          await tx`insert into t values (1)`;
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      await reservedTransaction(pool, '', async (tx) => {
        await tx`insert into t values (2)`;
      });
      expect(await pool`select v from t order by v`).toEqual([{ v: 2 }]);
    } finally {
      await pool.end();
    }
  });

  it('refuse a commit that Postgres turned into a rollback', async () => {
    const pool = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    try {
      await expect(
        reservedTransaction(pool, '', async (tx) => {
          // fails unawaited: the transaction is aborted, and COMMIT answers ROLLBACK
          tx`select 1/0`.execute().catch(() => undefined);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }),
      ).rejects.toThrow('rolled back at commit');
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

  it('nest with savepoints: an inner failure leaves the outer work', async () => {
    const pool = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
    try {
      await pool`create temporary table s (v int)`;
      await reservedTransaction(pool, '', async (tx) => {
        await tx`insert into s values (1)`;
        await expect(
          tx.savepoint(async (inner) => {
            await inner`insert into s values (2)`;
            throw new Error('inner');
          }),
        ).rejects.toThrow('inner');
        await tx`insert into s values (3)`;
      });
      expect(await pool`select v from s order by v`).toEqual([{ v: 1 }, { v: 3 }]);
    } finally {
      await pool.end();
    }
  });
});
