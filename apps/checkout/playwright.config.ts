import { defineConfig } from '@playwright/test';
import { chromiumExecutable, E2E_DATA_DIR, E2E_PORTS } from './e2e/platform';

// Drives Debian's Chromium (no browser download); the platform is started by global-setup.
export default defineConfig({
  testDir: './e2e',
  // outside the app: files written under it would make `next dev` recompile and reload pages
  outputDir: `${E2E_DATA_DIR}-results`,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list']],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: `http://localhost:${E2E_PORTS.checkout}`,
    launchOptions: {
      ...(chromiumExecutable ? { executablePath: chromiumExecutable } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
    screenshot: 'only-on-failure',
  },
});
