// `pnpm e2e`: every Playwright spec under apps/*/e2e, on Playwright's own Chromium when it is
// installed, Debian's otherwise; says clearly, and passes, when neither is there.
import { spawnSync } from 'node:child_process';
import { resolveBrowser } from './platform';

const browser = resolveBrowser();
if (browser.kind === 'none') {
  console.warn(
    "[prood e2e] SKIPPED: no Chromium found. Install Playwright's (`pnpm --filter @prood/app-checkout exec playwright install chromium`) or Debian's (`apt-get install -y chromium`) to run the browser tests.",
  );
  process.exit(0);
}
process.stdout.write(
  `[prood e2e] browser: ${browser.kind === 'playwright' ? "Playwright's Chromium" : "Debian's Chromium"} (${browser.executablePath})\n`,
);
const result = spawnSync('playwright', ['test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  shell: false,
});
process.exit(result.status ?? 1);
