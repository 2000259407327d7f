import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** `dev` serves development builds (Next.js's development server); `start` serves production builds. */
export type RunMode = 'dev' | 'start';

export interface AppSpec {
  name: 'api' | 'checkout' | 'dashboard' | 'worker';
  port: number;
  color: number;
}

export interface RunningApp {
  spec: AppSpec;
  child: ChildProcess;
  healthUrl: string;
}

/** Runs a command in its own process group, every output line prefixed with the app's name. */
export function spawnPrefixed(
  spec: Pick<AppSpec, 'name' | 'color'>,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; onLine?: (line: string) => void },
): ChildProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const prefix = `\u001b[${spec.color}m${spec.name.padEnd(9)}|\u001b[0m `;
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      if (options.onLine) options.onLine(line);
      else process.stdout.write(`${prefix}${line}\n`);
    });
  }
  return child;
}

/** The flags before `--import` in an app's `start` script (`node [flags] --import tsx …`). */
function startScriptNodeFlags(dir: string): string[] {
  const { scripts } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const words = (scripts?.start ?? '').trim().split(/\s+/);
  const at = words.indexOf('--import');
  if (words[0] !== 'node' || at < 1) {
    throw new Error(`${dir}: its start script is not \`node [flags] --import tsx …\``);
  }
  return words.slice(1, at);
}

/**
 * Starts one app: `next dev` or `next start` for the dashboard; the API's and the checkout
 * app's own servers (`src/main.ts`: their machine routes — REST, webhooks, internal calls,
 * health — on plain `node:http`, the rest through Next.js in the same process) and the job
 * worker as plain Node processes, their TypeScript run by tsx in both modes.
 */
export function startApp(
  root: string,
  spec: AppSpec,
  env: NodeJS.ProcessEnv,
  mode: RunMode,
  /** Receives every output line instead of this terminal (the fault suite scans them). */
  onLine?: (line: string) => void,
): RunningApp {
  const dir = join(root, 'apps', spec.name);
  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    PORT: String(spec.port),
    NEXT_TELEMETRY_DISABLED: '1',
  };
  let args: string[];
  if (spec.name === 'worker') {
    childEnv.WORKER_PORT = String(spec.port);
    args = ['--import', 'tsx', 'src/main.ts'];
  } else if (spec.name === 'api' || spec.name === 'checkout') {
    // `start` with the node flags of the app's own start script (the checkout app's heap limit)
    const flags = mode === 'start' ? startScriptNodeFlags(dir) : [];
    args = [...flags, '--import', 'tsx', 'src/main.ts', mode, '--port', String(spec.port)];
  } else {
    const nextBin = createRequire(join(dir, 'package.json')).resolve('next/dist/bin/next');
    args = [nextBin, mode, '--port', String(spec.port)];
  }
  const child = spawnPrefixed(spec, process.execPath, args, {
    cwd: dir,
    env: childEnv,
    ...(onLine ? { onLine } : {}),
  });
  const healthPath = spec.name === 'worker' ? '/health/ready' : '/health';
  return { spec, child, healthUrl: `http://localhost:${spec.port}${healthPath}` };
}

/** Polls the app's health endpoint until it answers 200. */
export async function waitUntilHealthy(app: RunningApp, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) {
      throw new Error(`${app.spec.name} exited with code ${app.child.exitCode}`);
    }
    try {
      const response = await fetch(app.healthUrl, { signal: AbortSignal.timeout(30_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
  throw new Error(`${app.spec.name} did not become healthy at ${app.healthUrl}`);
}

/**
 * Stops an app's whole process group (next dev forks workers): SIGTERM, which each app answers
 * with a graceful shutdown within 10 s, then SIGKILL for whatever is left.
 */
export async function stopApp(app: RunningApp): Promise<void> {
  const pid = app.child.pid;
  if (pid === undefined || app.child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => app.child.once('exit', () => resolve()));
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}
