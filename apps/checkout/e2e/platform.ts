import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

/**
 * Ports of the platform the end-to-end run starts, clear of a `pnpm dev` on 3001–3004.
 * `PROOD_E2E_PORT_BASE` moves them (and the data directory) so two checkouts can run at once.
 */
const base = Number(process.env.PROOD_E2E_PORT_BASE ?? 4100);
export const E2E_PORTS = {
  dashboard: base + 1,
  api: base + 2,
  checkout: base + 4,
  worker: base + 5,
  /** A second checkout instance whose session store cannot be reached (one spec starts it). */
  checkoutStoreDown: base + 6,
  /** Nothing listens here: that instance's Upstash URL. */
  unreachableStore: base + 7,
  /** The Stripe API fake a spec starts; the platform is pointed at it. */
  stripe: base + 8,
  /** The Mollie API fake a spec starts; the platform is pointed at it. */
  mollie: base + 9,
  postgres: 50249 + base,
} as const;

export const E2E_DATA_DIR = join(
  tmpdir(),
  process.env.PROOD_E2E_PORT_BASE ? `prood-e2e-${base}` : 'prood-e2e',
);

export const apiUrl = `http://localhost:${E2E_PORTS.api}`;

/** The embedded Postgres of the run (a spec seeds its own tenants or starts an app on it). */
export const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${E2E_PORTS.postgres}/prood`;

/** The demo secrets `pnpm dev` generated for this run (demo API key, passwords). */
export function demoSecrets(): {
  demoApiKey: string;
  demoPassword: string;
  checkoutApiSecret: string;
  credentialsEncryptionKeys: string;
  betterAuthSecret: string;
} {
  const file = join(E2E_DATA_DIR, 'secrets.json');
  if (!existsSync(file)) throw new Error(`no secrets at ${file}: did global-setup run?`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * The browser the specs drive: Playwright's own Chromium when it is installed
 * (`pnpm --filter @prood/app-checkout exec playwright install chromium`), else Debian's
 * `/usr/bin/chromium` (`apt-get install chromium`), else none (the run is skipped, saying so).
 */
export function resolveBrowser():
  | { kind: 'playwright'; executablePath: string }
  | { kind: 'debian'; executablePath: string }
  | { kind: 'none' } {
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return { kind: 'playwright', executablePath: bundled };
  if (existsSync(DEBIAN_CHROMIUM)) return { kind: 'debian', executablePath: DEBIAN_CHROMIUM };
  return { kind: 'none' };
}
