import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Ports of the platform the end-to-end run starts, clear of a `pnpm dev` on 3001–3004.
 * `PROOD_E2E_PORT_BASE` moves them (and the data directory) so two checkouts can run at once.
 */
const base = Number(process.env.PROOD_E2E_PORT_BASE ?? 4100);
export const E2E_PORTS = {
  dashboard: base + 1,
  api: base + 2,
  checkout: base + 4,
  postgres: 50249 + base,
} as const;

export const E2E_DATA_DIR = join(
  tmpdir(),
  process.env.PROOD_E2E_PORT_BASE ? `prood-e2e-${base}` : 'prood-e2e',
);

export const apiUrl = `http://localhost:${E2E_PORTS.api}`;

/** The demo secrets `pnpm dev` generated for this run (demo API key, passwords). */
export function demoSecrets(): {
  demoApiKey: string;
  demoPassword: string;
} {
  const file = join(E2E_DATA_DIR, 'secrets.json');
  if (!existsSync(file)) throw new Error(`no secrets at ${file}: did global-setup run?`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Debian's Chromium by default (this project's machines cannot download browsers);
 * `PROOD_E2E_BUNDLED_BROWSER=1` uses Playwright's own build instead (e.g. on GitHub Actions).
 */
export const chromiumExecutable =
  process.env.PROOD_E2E_BUNDLED_BROWSER === '1' ? undefined : '/usr/bin/chromium';
