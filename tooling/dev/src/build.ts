import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface BuildSummary {
  /** Apps whose build was restored from the turbo cache. */
  cached: string[];
  /** Apps that were built now. */
  built: string[];
}

/**
 * Production builds of the apps through turbo: an app whose sources (and the workspace
 * packages it compiles) did not change is restored from the cache instead of rebuilt.
 */
export async function buildApps(
  root: string,
  log: (line: string) => void,
  options: { env: NodeJS.ProcessEnv; verbose: boolean },
): Promise<BuildSummary> {
  const turbo = createRequire(join(root, 'package.json')).resolve('turbo/bin/turbo');
  const child = spawn(
    process.execPath,
    [turbo, 'run', 'build', '--filter=./apps/*', '--output-logs=new-only', '--log-prefix=task'],
    {
      cwd: root,
      env: { ...options.env, TURBO_TELEMETRY_DISABLED: '1', NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const summary: BuildSummary = { cached: [], built: [] };
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      const status = /^(@prood\/[\w-]+):build: cache (hit|miss)/.exec(line);
      if (status?.[1]) {
        (status[2] === 'hit' ? summary.cached : summary.built).push(status[1]);
        log(
          `${status[1]}: ${status[2] === 'hit' ? 'unchanged, build restored from the turbo cache' : 'sources changed, building'}`,
        );
      } else if (/error|failed|warn/i.test(line) || options.verbose) {
        log(line);
      }
    });
  }
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) {
    throw new Error(
      `the production build failed (turbo exited ${code}):\n${output.slice(-60).join('\n')}`,
    );
  }
  return summary;
}
