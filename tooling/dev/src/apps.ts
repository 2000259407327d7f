import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface AppSpec {
  name: 'api' | 'checkout' | 'dashboard';
  port: number;
  color: number;
}

export interface RunningApp {
  spec: AppSpec;
  child: ChildProcess;
  healthUrl: string;
}

/** Starts `next dev` for one app in its own process group, with prefixed output. */
export function startApp(root: string, spec: AppSpec, env: NodeJS.ProcessEnv): RunningApp {
  const dir = join(root, 'apps', spec.name);
  const nextBin = createRequire(join(dir, 'package.json')).resolve('next/dist/bin/next');
  const child = spawn(process.execPath, [nextBin, 'dev', '--port', String(spec.port)], {
    cwd: dir,
    env: { ...env, PORT: String(spec.port), NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const prefix = `\u001b[${spec.color}m${spec.name.padEnd(9)}|\u001b[0m `;
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      process.stdout.write(`${prefix}${line}\n`);
    });
  }
  return { spec, child, healthUrl: `http://localhost:${spec.port}/health` };
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

/** Stops an app's whole process group (next dev forks workers). */
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
  }, 5_000);
  await exited;
  clearTimeout(timer);
}
