import { defineConfig } from '@playwright/test';
import { E2E_DATA_DIR, E2E_PORTS, resolveBrowser } from './e2e/platform';

const browser = resolveBrowser();

// One run for the specs of every app (apps/*/e2e); global-setup starts the platform from its
// production builds, the way `pnpm start` does.
export default defineConfig({
  // outside the apps: files written under them would change the build inputs
  outputDir: `${E2E_DATA_DIR}-results`,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list']],
  globalSetup: './e2e/global-setup.ts',
  projects: [
    { name: 'checkout', testDir: './e2e' },
    { name: 'dashboard', testDir: '../dashboard/e2e' },
  ],
  use: {
    baseURL: `http://localhost:${E2E_PORTS.checkout}`,
    launchOptions: {
      ...(browser.kind === 'none' ? {} : { executablePath: browser.executablePath }),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
    screenshot: 'only-on-failure',
  },
});
