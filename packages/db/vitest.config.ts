import { defineProject } from 'vitest/config';

// @prood/db owns the test database setup that other packages reach via @prood/vitest-config.
export default defineProject({
  test: {
    name: 'db',
    include: ['src/**/*.test.ts'],
    globalSetup: ['./src/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
