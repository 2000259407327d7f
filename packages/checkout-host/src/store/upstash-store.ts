import { Redis } from '@upstash/redis';
import {
  type CompareAndSetResult,
  DEFAULT_EXPIRY_INDEX_KEY,
  type ExpiredSession,
  type SessionStore,
  type SessionWrite,
  sessionKey,
} from './types';

// KEYS: session, index, index meta. ARGV: json, ttlMs, id, dueAtMs, metaJson ('' = not indexed)
const CREATE_SCRIPT = `
if not redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 0 end
if ARGV[5] ~= '' then
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
  redis.call('HSET', KEYS[3], ARGV[3], ARGV[5])
end
return 1
`;

// Same KEYS/ARGV plus ARGV[6] = expected version. Returns {1,0} saved, {0,v} conflict, {-1,0} missing.
const CAS_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if not current then return {-1, 0} end
local stored = tonumber(cjson.decode(current).version)
if stored ~= tonumber(ARGV[6]) then return {0, stored} end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if ARGV[5] ~= '' then
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
  redis.call('HSET', KEYS[3], ARGV[3], ARGV[5])
else
  redis.call('ZREM', KEYS[2], ARGV[3])
  redis.call('HDEL', KEYS[3], ARGV[3])
end
return {1, 0}
`;

// KEYS: index, index meta. ARGV: nowMs, limit, leaseUntilMs. Returns the leased entries' meta.
const CLAIM_SCRIPT = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, id in ipairs(ids) do
  redis.call('ZADD', KEYS[1], ARGV[3], id)
  out[#out + 1] = redis.call('HGET', KEYS[2], id) or ''
end
return out
`;

/**
 * Deadline of one store command, its retries included: a store that is down fails the page
 * (which then answers its 503 view) and the webhook receiver (which has already forwarded) in
 * moments instead of hanging them. Upstash answers in milliseconds when it is up.
 */
export const UPSTASH_COMMAND_TIMEOUT_MS = 1_500;

export interface UpstashSessionStoreOptions {
  url: string;
  token: string;
  /** Default `UPSTASH_COMMAND_TIMEOUT_MS`. */
  timeoutMs?: number;
  /** Sorted set of unpaid sessions by expiry; tests give each run its own. */
  indexKey?: string;
}

/**
 * The production store: Upstash Redis over its REST API. Keys `checkout:session:{id}` hold the
 * snapshot JSON with a TTL; saves are compare-and-set in one Lua script.
 *
 * @example
 * const store = createUpstashSessionStore({ url: env.UPSTASH_REDIS_REST_URL, token });
 */
export function createUpstashSessionStore(options: UpstashSessionStoreOptions): SessionStore {
  const redis = new Redis({
    url: options.url,
    token: options.token,
    // snapshots are stored and returned as the exact JSON text we wrote
    automaticDeserialization: false,
    enableTelemetry: false,
    // the client's default (5 retries, exponential backoff, no deadline) takes over 4 s to
    // give up on a refused connection and waits forever on one that hangs
    retry: { retries: 2, backoff: (retryCount) => 50 * 2 ** retryCount },
    signal: () => AbortSignal.timeout(options.timeoutMs ?? UPSTASH_COMMAND_TIMEOUT_MS),
  });
  const indexKey = options.indexKey ?? DEFAULT_EXPIRY_INDEX_KEY;
  const metaKey = `${indexKey}:meta`;
  const createScript = redis.createScript<number>(CREATE_SCRIPT);
  const casScript = redis.createScript<[number, number]>(CAS_SCRIPT);
  const claimScript = redis.createScript<string[]>(CLAIM_SCRIPT);

  function args(write: SessionWrite): string[] {
    return [
      write.json,
      String(Math.max(1000, Math.ceil(write.ttlMs))),
      write.id,
      String(write.expiry?.dueAtMs ?? 0),
      write.expiry ? JSON.stringify(write.expiry.session) : '',
    ];
  }

  return {
    kind: 'upstash',
    async create(write) {
      const keys = [sessionKey(write.id), indexKey, metaKey];
      return (await createScript.exec(keys, args(write))) === 1;
    },
    async get(id) {
      const value = await redis.get<string>(sessionKey(id));
      return value ?? null;
    },
    async compareAndSet(write, expectedVersion): Promise<CompareAndSetResult> {
      const keys = [sessionKey(write.id), indexKey, metaKey];
      const [status, actual] = await casScript.exec(keys, [
        ...args(write),
        String(expectedVersion),
      ]);
      if (status === 1) return { status: 'saved' };
      if (status === 0) return { status: 'conflict', actualVersion: Number(actual) };
      return { status: 'missing' };
    },
    async claimExpired({ nowMs, limit, leaseUntilMs }) {
      const rows = await claimScript.exec(
        [indexKey, metaKey],
        [String(nowMs), String(limit), String(leaseUntilMs)],
      );
      return rows.filter((row) => row !== '').map((row) => JSON.parse(row) as ExpiredSession);
    },
    async ackExpired(ids) {
      if (ids.length === 0) return;
      const tx = redis.multi();
      tx.zrem(indexKey, ...ids);
      tx.hdel(metaKey, ...ids);
      await tx.exec();
    },
    async close() {},
  };
}
