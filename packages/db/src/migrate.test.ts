import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrateDatabase } from './migrate';
import { createScratchDatabase, dropScratchDatabase } from './testing';

describe('migrations', () => {
  const created: string[] = [];
  afterAll(async () => {
    for (const url of created) await dropScratchDatabase(url);
  });

  it('apply to an empty database, and a second run is a no-op', async () => {
    const url = await createScratchDatabase(inject('databaseServerUrl'), 'prood_migrate');
    created.push(url);
    await migrateDatabase(url);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const tables = await sql<{ table_name: string }[]>`
        select table_name from information_schema.tables where table_schema = 'public' order by 1`;
      expect(tables.map((t) => t.table_name)).toEqual(
        expect.arrayContaining([
          'api_keys',
          'coupons',
          'fulfillment_log',
          'integrations',
          'members',
          'order_items',
          'orders',
          'organizations',
          'payments',
          'prices',
          'products',
          'provider_customers',
          'refunds',
          'subscriptions',
          'tax_rates',
          'webhook_events',
        ]),
      );
      const [first] = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
      const schemaBefore = await sql`
        select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'public' order by 1, 2`;

      await migrateDatabase(url);

      const [second] = await sql`select count(*)::int as n from drizzle.__drizzle_migrations`;
      const schemaAfter = await sql`
        select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'public' order by 1, 2`;
      expect(first?.n).toBeGreaterThan(0);
      expect(second?.n).toBe(first?.n);
      expect(schemaAfter).toEqual(schemaBefore);
    } finally {
      await sql.end();
    }
  });

  it('leave no index that another index already serves', async () => {
    // an index on a leading prefix of another one's columns only costs writes: every insert,
    // and every update that moves the row, maintains it for nothing (migration 0014)
    const url = await createScratchDatabase(inject('databaseServerUrl'), 'prood_migrate');
    created.push(url);
    await migrateDatabase(url);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const redundant = await sql<{ redundant: string; served_by: string }[]>`
        with idx as (
          select i.indrelid, i.indexrelid::regclass::text as name, i.indisunique as uniq,
            (select array_agg(k.attnum order by k.ord)
               from unnest(i.indkey) with ordinality k(attnum, ord)) as cols
          from pg_index i
          join pg_class c on c.oid = i.indrelid
          join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and i.indpred is null and i.indexprs is null
        )
        select a.name as redundant, b.name as served_by
        from idx a join idx b
          on a.indrelid = b.indrelid and a.name <> b.name and not a.uniq
         and a.cols = b.cols[1:array_length(a.cols, 1)]
        order by 1, 2`;
      expect(redundant).toEqual([]);
    } finally {
      await sql.end();
    }
  });

  it('serialise concurrent runs', async () => {
    const url = await createScratchDatabase(inject('databaseServerUrl'), 'prood_migrate');
    created.push(url);
    await Promise.all([migrateDatabase(url), migrateDatabase(url), migrateDatabase(url)]);
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const rows =
        await sql`select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`;
      expect(rows.every((row) => row.n === 1)).toBe(true);
    } finally {
      await sql.end();
    }
  });
});
