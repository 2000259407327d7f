import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Queries live in @prood/db (`(db, { tenantId, … })`): a file of the API that imports
 * drizzle-orm, or takes tables (values, not types) from @prood/db/schema, is building SQL
 * inline. The exceptions are few and each says why.
 */
const ALLOWED = new Map<string, string>([
  // better-auth's drizzle adapter is handed the auth tables: configuration, not a query
  ['auth/auth.ts', 'better-auth drizzleAdapter schema map'],
  // seeds integrations and orders for the payment tests (a test helper outside testing/)
  ['payments/testing.ts', 'test helper'],
  // pg-boss writes a job through the caller's transaction via its drizzle bridge, which takes
  // drizzle's `sql` tag: wiring, not a query
  ['jobs/create-jobs.ts', 'pg-boss fromDrizzle(db, sql)'],
]);
/** Folders left out: test helpers. */
const SKIPPED_FOLDERS = ['testing/'];

const root = join(import.meta.dirname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const DRIZZLE_IMPORT =
  /from\s+['"]drizzle-orm(\/[^'"]*)?['"]|import\(\s*['"]drizzle-orm|^import\s+(?!type\b)[^;]*?from\s+['"]@prood\/db\/schema['"]/m;

describe('queries live in @prood/db', () => {
  it('no file under packages/api/src imports drizzle-orm or schema tables, except the listed ones', () => {
    const offenders = sourceFiles(root)
      .map((path) => relative(root, path).split('\\').join('/'))
      .filter((path) => !SKIPPED_FOLDERS.some((folder) => path.startsWith(folder)))
      .filter((path) => !ALLOWED.has(path))
      .filter((path) => DRIZZLE_IMPORT.test(readFileSync(join(root, path), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('every allowed exception still needs its exception', () => {
    const stale = [...ALLOWED.keys()].filter(
      (path) => !DRIZZLE_IMPORT.test(readFileSync(join(root, path), 'utf8')),
    );
    expect(stale).toEqual([]);
  });

  it('recognizes an inline drizzle import', () => {
    expect(DRIZZLE_IMPORT.test("import { eq } from 'drizzle-orm';")).toBe(true);
    expect(DRIZZLE_IMPORT.test("import { pgTable } from 'drizzle-orm/pg-core';")).toBe(true);
    expect(
      DRIZZLE_IMPORT.test("import { drizzleAdapter } from 'better-auth/adapters/drizzle';"),
    ).toBe(false);
    expect(DRIZZLE_IMPORT.test("import { getOrder } from '@prood/db';")).toBe(false);
    expect(
      DRIZZLE_IMPORT.test("import {\n  orders,\n  payments,\n} from '@prood/db/schema';"),
    ).toBe(true);
    expect(DRIZZLE_IMPORT.test("import type { OrderSnapshot } from '@prood/db/schema';")).toBe(
      false,
    );
  });
});
