import { defineConfig } from 'vitest/config';

// `pnpm test` runs every package's project from here; each package keeps its own config.
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      'tooling/*/vitest.config.ts',
    ],
    reporters: ['default', './tooling/vitest/src/summary-reporter.ts'],
  },
});
