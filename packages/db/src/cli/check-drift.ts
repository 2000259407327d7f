import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS_FOLDER } from '../migrate';

// Fails when src/schema has changes that no committed migration captures: drizzle-kit generates
// into a scratch copy of the migrations folder, and any new file there is drift.
const scratch = mkdtempSync(join(tmpdir(), 'prood-drift-'));
try {
  cpSync(MIGRATIONS_FOLDER, scratch, { recursive: true });
  const before = new Set(readdirSync(scratch));
  execFileSync('drizzle-kit', ['generate', '--name', 'drift'], {
    cwd: join(MIGRATIONS_FOLDER, '..'),
    env: { ...process.env, DRIZZLE_OUT: scratch },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  const added = readdirSync(scratch).filter((name) => !before.has(name));
  if (added.length > 0) {
    console.error('Schema drift: src/schema differs from the committed migrations.');
    for (const name of added) {
      console.error(`--- would generate ${name} ---\n${readFileSync(join(scratch, name), 'utf8')}`);
    }
    console.error('Run `pnpm db:generate` and commit the new migration.');
    process.exit(1);
  }
  console.log('schema and committed migrations agree');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
