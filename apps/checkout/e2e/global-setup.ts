import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { E2E_DATA_DIR, E2E_PORTS } from './platform';

const root = join(import.meta.dirname, '..', '..', '..');

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts the whole platform exactly as `pnpm start` does: production builds (reused from the
 * turbo cache when the sources did not change), a fresh embedded Postgres, migrations, demo
 * seed, the three apps and the job worker, on spare ports; stops it afterwards.
 */
export default async function globalSetup() {
  rmSync(E2E_DATA_DIR, { recursive: true, force: true });
  mkdirSync(E2E_DATA_DIR, { recursive: true });
  chmodSync(E2E_DATA_DIR, 0o755);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PROOD_DATA_DIR: E2E_DATA_DIR,
    EMBEDDED_POSTGRES_PORT: String(E2E_PORTS.postgres),
    API_PORT: String(E2E_PORTS.api),
    CHECKOUT_PORT: String(E2E_PORTS.checkout),
    DASHBOARD_PORT: String(E2E_PORTS.dashboard),
    WORKER_PORT: String(E2E_PORTS.worker),
    LOG_LEVEL: 'warn',
    // every spec signs up merchants of its own from one IP; production keeps 5 an hour
    RATE_LIMIT_SIGNUPS_PER_HOUR: '1000',
    // the real Mollie and Stripe SDKs talk to the fakes a spec starts (tooling/mollie-fake,
    // tooling/stripe-fake); the Mollie SDK pins its own CA bundle, so the fake's self-signed
    // certificate needs verification off
    PAYMENT_PROVIDER_API_URLS: `mollie=https://127.0.0.1:${E2E_PORTS.mollie}/v2/,stripe=http://127.0.0.1:${E2E_PORTS.stripe}`,
    NODE_TLS_REJECT_UNAUTHORIZED: '0',
  };
  // A run always gets a database of its own: the embedded one in the fresh data directory.
  delete env.DATABASE_URL;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'tooling/dev/src/main.ts', 'start'],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  let output = '';
  // the platform's own log stays beside its data, for when a spec fails
  const log = join(E2E_DATA_DIR, 'platform.log');
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk) => {
      output += chunk;
      appendFileSync(log, chunk);
      // the build's progress, so a cold run does not look stuck
      for (const line of String(chunk).split('\n')) {
        const plain = stripVTControlCharacters(line);
        if (plain.startsWith('prood ')) process.stdout.write(`[platform] ${plain}\n`);
      }
    });
  }

  // a cold production build of three apps takes minutes on two cores
  const deadline = Date.now() + 900_000;
  const urls = [E2E_PORTS.api, E2E_PORTS.checkout, E2E_PORTS.dashboard].map(
    (port) => `http://localhost:${port}/health`,
  );
  urls.push(`http://localhost:${E2E_PORTS.worker}/health/ready`);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the platform exited early:\n${output}`);
    if (
      output.includes('prood is running') &&
      (await Promise.all(urls.map(healthy))).every(Boolean)
    )
      break;
    if (Date.now() > deadline) throw new Error(`the platform did not become healthy:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }

  return async () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGINT');
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
}
