// Runs the Playwright specs when Debian's Chromium is installed; says clearly when it is not.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (process.env.PROOD_E2E_BUNDLED_BROWSER !== '1' && !existsSync('/usr/bin/chromium')) {
  console.warn(
    '[prood e2e] SKIPPED: /usr/bin/chromium not found. Install it with `apt-get install -y chromium` to run the browser tests.',
  );
  process.exit(0);
}
const result = spawnSync('playwright', ['test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  shell: false,
});
process.exit(result.status ?? 1);
