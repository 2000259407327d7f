import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { startUpstashBridge, type UpstashBridge } from '@prood/upstash-bridge';
import { Redis } from 'ioredis';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

/**
 * The checkout app's session store as production has it (Upstash Redis over REST), with a link
 * the suite can cut: checkout app → TCP proxy → Upstash REST bridge → Redis.
 */
export interface FaultSessionStore {
  /** What the checkout app gets as `UPSTASH_REDIS_REST_URL` / `_TOKEN`. */
  env: { UPSTASH_REDIS_REST_URL: string; UPSTASH_REDIS_REST_TOKEN: string };
  token: string;
  /** Where the Redis came from, for the log. */
  redis: string;
  link: TcpProxy;
  close(): Promise<void>;
}

async function answersPing(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: null,
  });
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** A Redis of this run's own (no persistence), when `redis-server` is installed. */
async function startPrivateRedis(
  port: number,
): Promise<{ url: string; child: ChildProcess } | null> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const missing = new Promise<null>((resolve) => child.once('error', () => resolve(null)));
  const url = `redis://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let i = 0; i < 50 && child.exitCode === null; i++) {
      if (await answersPing(url)) return { url, child };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill('SIGKILL');
    return null;
  })();
  return Promise.race([missing, ready]);
}

/**
 * `REDIS_URL` when it is set (CI's service container), else a private `redis-server` on
 * `redisPort`, else null: the suite then runs on the embedded store and says it skipped the
 * session-store fault.
 */
export async function startFaultSessionStore(options: {
  redisUrl: string | undefined;
  redisPort: number;
  bridgePort: number;
  linkPort: number;
}): Promise<FaultSessionStore | null> {
  let redis: { url: string; child?: ChildProcess } | null = null;
  if (options.redisUrl) redis = { url: options.redisUrl };
  else redis = await startPrivateRedis(options.redisPort);
  if (!redis) return null;
  const token = randomBytes(24).toString('hex');
  const bridge: UpstashBridge = await startUpstashBridge({
    redisUrl: redis.url,
    token,
    port: options.bridgePort,
  });
  const link = await startTcpProxy(options.linkPort, options.bridgePort);
  const child = redis.child;
  return {
    env: {
      UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${options.linkPort}`,
      UPSTASH_REDIS_REST_TOKEN: token,
    },
    token,
    redis: child ? `a private redis-server on port ${options.redisPort}` : 'REDIS_URL',
    link,
    async close() {
      await link.close();
      await bridge.close();
      child?.kill('SIGTERM');
    },
  };
}
