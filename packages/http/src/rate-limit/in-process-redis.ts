import { createHash } from 'node:crypto';
import RedisMock from 'ioredis-mock';

/**
 * What `@upstash/ratelimit` (single region, no analytics, no deny lists) calls on its Redis
 * client: its algorithms are Lua scripts sent with `evalsha`, falling back to `eval` on
 * NOSCRIPT.
 */
export interface RatelimitRedis {
  evalsha(sha: string, keys: string[], args: unknown[]): Promise<unknown>;
  eval(script: string, keys: string[], args: unknown[]): Promise<unknown>;
}

/**
 * The embedded default under `pnpm dev`: no Redis server, so the library's own Lua scripts run
 * in-process on ioredis-mock (which executes Lua with the fengari VM). Only this adapter is
 * hand-written: Upstash's call shape `(script, keys[], args[])` to ioredis's `(script, numKeys,
 * ...keys, ...args)`, the sha → script cache behind `evalsha`, and dropping the shebang line. State lives in this process: right for one dev machine, and
 * production uses Upstash Redis instead.
 */
export function createInProcessRatelimitRedis(): RatelimitRedis {
  const redis = new RedisMock();
  const scripts = new Map<string, string>();
  const run = (script: string, keys: string[], args: unknown[]) =>
    redis.eval(
      // fengari does not skip a `#!lua flags=…` first line the way Redis does
      script.replace(/^#![^\n]*/, ''),
      keys.length,
      ...keys,
      ...args.map((a) => (a === null ? '' : String(a))),
    );
  return {
    async evalsha(sha, keys, args) {
      const script = scripts.get(sha);
      // the library reacts to NOSCRIPT by sending the script itself
      if (!script) throw new Error('NOSCRIPT No matching script. Please use EVAL.');
      return run(script, keys, args);
    },
    async eval(script, keys, args) {
      scripts.set(createHash('sha1').update(script).digest('hex'), script);
      return run(script, keys, args);
    },
  };
}
