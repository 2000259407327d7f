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
