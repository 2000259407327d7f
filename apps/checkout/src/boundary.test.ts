import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The checkout ↔ API boundary (issue 12, shape 9). The API owns orders: the checkout app asks
 * it over HTTP (`server/commerce-api.ts`) for the lines, mode and merchant it shows. The rule,
 * for every production module under `src/` (tests may start the API's real router):
 *
 * - no import of `@prood/api` (any entry point), of `@prood/db/schema` or of `drizzle-orm`;
 * - from `@prood/db` only the connection and the tenant's integrations, whose credentials this
 *   app decrypts itself so they never cross the wire, plus the `/health` entry and the
 *   `/lifecycle` entry (draining and closing the pools on SIGTERM; it reads no table).
 */
const DB_NAMES_ALLOWED = new Set([
  'getDatabase',
  'getOrganization',
  'listIntegrations',
  'getIntegration',
  'Database',
]);
const FORBIDDEN_MODULES = [/^@prood\/api(\/|$)/, /^@prood\/db\/schema$/, /^drizzle-orm(\/|$)/];
const DB_ENTRIES_ALLOWED = new Set(['@prood/db', '@prood/db/health', '@prood/db/lifecycle']);

const SRC = import.meta.dirname;
const APP = join(SRC, '..');

function productionModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return productionModules(path);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

interface ImportStatement {
  module: string;
  names: string[];
}

/** Static `import … from`, `export … from` and dynamic `import()` of one module's source. */
export function importsOf(source: string): ImportStatement[] {
  const found: ImportStatement[] = [];
  const statement = /(?:import|export)\s+(type\s+)?([^;]*?)\s+from\s+['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(statement)) {
    const clause = match[2] ?? '';
    const names = [
      ...clause.matchAll(
        /(?:^|[{,\s])(?:type\s+)?([A-Za-z_$][\w$]*)(?:\s+as\s+[\w$]+)?(?=\s*[,}]|\s*$)/g,
      ),
    ]
      .map((m) => m[1] ?? '')
      .filter((name) => name && name !== 'type');
    found.push({ module: match[3] ?? '', names: clause.includes('*') ? ['*'] : names });
  }
  for (const match of source.matchAll(/(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push({ module: match[1] ?? '', names: ['*'] });
  }
  for (const match of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) {
    found.push({ module: match[1] ?? '', names: [] });
  }
  return found;
}

/** What a module imports across the boundary, one line per breach. */
export function boundaryBreaches(source: string): string[] {
  return importsOf(source).flatMap(({ module, names }) => {
    if (FORBIDDEN_MODULES.some((pattern) => pattern.test(module))) return [`imports ${module}`];
    if (!module.startsWith('@prood/db')) return [];
    if (!DB_ENTRIES_ALLOWED.has(module)) return [`imports ${module}`];
    if (module === '@prood/db/health' || module === '@prood/db/lifecycle') return [];
    return names
      .filter((name) => !DB_NAMES_ALLOWED.has(name))
      .map((name) => `imports ${name} from ${module}`);
  });
}

describe('the checkout app reads orders only through the commerce API', () => {
  it('no production module imports the API, the order schema or an order query', () => {
    const breaches = productionModules(SRC).flatMap((file) =>
      boundaryBreaches(readFileSync(file, 'utf8')).map((b) => `${relative(APP, file)}: ${b}`),
    );
    expect(breaches).toEqual([]);
  });

  it('its package does not depend on @prood/api at run time', () => {
    const manifest = JSON.parse(readFileSync(join(APP, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies ?? {})).not.toContain('@prood/api');
  });

  it('the rule catches each kind of breach (so the scan above can fail)', () => {
    expect(boundaryBreaches("import { getCheckoutPageOrder } from '@prood/api';")).toEqual([
      'imports @prood/api',
    ]);
    expect(boundaryBreaches("import type { RestApi } from '@prood/api/rest';")).toEqual([
      'imports @prood/api/rest',
    ]);
    expect(boundaryBreaches("const { orders } = await import('@prood/db/schema');")).toEqual([
      'imports @prood/db/schema',
    ]);
    expect(
      boundaryBreaches(
        "import {\n  getDatabase,\n  getOrder,\n  type Order,\n  listIntegrations,\n} from '@prood/db';",
      ),
    ).toEqual(['imports getOrder from @prood/db', 'imports Order from @prood/db']);
    expect(boundaryBreaches("import * as db from '@prood/db';")).toEqual([
      'imports * from @prood/db',
    ]);
    expect(boundaryBreaches("import { eq } from 'drizzle-orm';")).toEqual(['imports drizzle-orm']);
    expect(
      boundaryBreaches(
        "import { getDatabase, listIntegrations } from '@prood/db';\nimport { createHealthRoute } from '@prood/db/health';",
      ),
    ).toEqual([]);
  });
});
