import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A loopback port nobody listens on right now (the OS picks it; we release it at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  name: string;
  pid: number;
  logFile: string;
  /** SIGTERM to the whole process group, SIGKILL after a grace period. */
  stop(): Promise<void>;
  /** Synchronous last resort for `process.on('exit')`. */
  kill(): void;
  exited: Promise<number | null>;
}

export function logTail(logFile: string, lines = 30): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Starts a long-running process in its own process group with output going to a log file, so
 * `next start` and whatever it forks are stopped together and their logs do not interleave
 * with the table.
 */
export function startProcess(options: {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
}): ServerProcess {
  const log = createWriteStream(options.logFile);
  const child: ChildProcess = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Both streams share one file, so neither may end it; 'close' (all stdio done) does.
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${options.name}: could not start ${options.command}`);
  let running = true;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running = false;
      resolve(code);
    });
  });
  const closed = new Promise<void>((resolve) => {
    child.once('close', () => log.end(() => resolve()));
  });
  const signal = (sig: NodeJS.Signals) => {
    if (!running) return;
    try {
      process.kill(-pid, sig);
    } catch {
      // the group is already gone
    }
  };
  return {
    name: options.name,
    pid,
    logFile: options.logFile,
    exited,
    kill: () => signal('SIGKILL'),
    async stop() {
      signal('SIGTERM');
      const timer = setTimeout(() => signal('SIGKILL'), 5_000);
      await Promise.all([exited, closed]);
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 200; fails early when the process dies or time runs out. */
export async function waitForHttp(
  server: ServerProcess,
  url: string,
  timeoutMs = 60_000,
): Promise<void> {
  let dead = false;
  void server.exited.then(() => {
    dead = true;
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (dead) {
      throw new Error(`${server.name} exited before answering ${url}:\n${logTail(server.logFile)}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    `${server.name} did not answer ${url} within ${timeoutMs} ms:\n${logTail(server.logFile)}`,
  );
}

/** Runs a command to completion (a build), its output in a log; returns how long it took. */
export async function runCommand(options: {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  timeoutMs: number;
  /** Sees the process, so an interrupted run can stop a build still in progress. */
  onStart?: (proc: ServerProcess) => void;
}): Promise<number> {
  const started = performance.now();
  const proc = startProcess(options);
  options.onStart?.(proc);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    proc.kill();
  }, options.timeoutMs);
  const code = await proc.exited;
  clearTimeout(timer);
  await proc.stop();
  if (code !== 0) {
    const why = timedOut ? `timed out after ${options.timeoutMs} ms` : `exit ${code}`;
    throw new Error(`${options.name} failed (${why}):\n${logTail(options.logFile, 40)}`);
  }
  return performance.now() - started;
}
