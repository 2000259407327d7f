import { fileURLToPath } from 'node:url';
import { defineProject, type ViteUserConfig } from 'vitest/config';

const databaseSetup = fileURLToPath(import.meta.resolve('@prood/db/testing/global-setup'));

/**
 * A package's vitest project. `database: true` gives its tests a migrated Postgres of the run's
 * own through `inject('databaseUrl')` (DATABASE_URL's server, else an embedded one).
 *
 * @example
 * export default proodProject({ name: 'api', database: true });
 */
export function proodProject(options: {
  name: string;
  database?: boolean;
  test?: NonNullable<ViteUserConfig['test']>;
}) {
  return defineProject({
    test: {
      name: options.name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      ...(options.database ? { globalSetup: [databaseSetup] } : {}),
      testTimeout: 30_000,
      hookTimeout: 120_000,
      ...options.test,
    },
  });
}
