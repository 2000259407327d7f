import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { dbEnv } from './env';

// Kept apart from ./local so that apps needing only the data directory (the checkout app's
// embedded session store) do not bundle the embedded Postgres.
/** The monorepo root: the nearest folder upwards that holds `pnpm-workspace.yaml`. */
export function findWorkspaceRoot(from = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(from);
    dir = parent;
  }
}

/** `PROOD_DATA_DIR`, else `<repo>/.data`: embedded Postgres data and generated secrets. */
export function resolveDataDir(): string {
  return dbEnv.PROOD_DATA_DIR ? resolve(dbEnv.PROOD_DATA_DIR) : join(findWorkspaceRoot(), '.data');
}
