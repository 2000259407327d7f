import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';

/**
 * An Upstash-REST-compatible server in front of a plain Redis, so the real `@upstash/redis`
 * client can be tested and benchmarked locally. Implements `POST /` (one command as a JSON
 * array), `POST /pipeline` and `POST /multi-exec` (arrays of commands), bearer-token auth, and
 * the `Upstash-Encoding: base64` response mode the client asks for by default.
 */

export interface StartUpstashBridgeOptions {
  redisUrl: string;
  token: string;
  /** 0 or omitted: a free port. */
  port?: number;
  host?: string;
}

export interface UpstashBridge {
  /** Base URL to give the client, e.g. `http://127.0.0.1:43121`. */
  url: string;
  token: string;
  close(): Promise<void>;
}

type Reply = Buffer | number | null | Reply[] | string;
type Encoded = string | number | null | Encoded[];

const MAX_BODY = 10 * 1024 * 1024;

function encode(reply: Reply, base64: boolean): Encoded {
  if (reply === null || typeof reply === 'number') return reply;
  if (Array.isArray(reply)) return reply.map((item) => encode(item, base64));
  const buffer = typeof reply === 'string' ? Buffer.from(reply) : reply;
  // the client passes a bare "OK" through; everything else it base64-decodes
  if (!base64 || (buffer.length === 2 && buffer.toString() === 'OK'))
    return buffer.toString('utf8');
  return buffer.toString('base64');
}

function isCommand(value: unknown): value is Array<string | number | boolean> {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
  );
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * Starts the bridge; resolves once it listens.
 *
 * @example
 * const bridge = await startUpstashBridge({ redisUrl: 'redis://127.0.0.1:6379', token: 't' });
 * const redis = new Redis({ url: bridge.url, token: bridge.token }); // from @upstash/redis
 * await bridge.close();
 */
export async function startUpstashBridge(
  options: StartUpstashBridgeOptions,
): Promise<UpstashBridge> {
  const redis = new Redis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const expected = Buffer.from(`Bearer ${options.token}`);

  function authorized(req: IncomingMessage): boolean {
    const given = Buffer.from(req.headers.authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  // Upstash accepts its own `#!lua flags=allow-key-locking` script flag (sent by
  // @upstash/ratelimit); a plain Redis refuses unknown flags, so the bridge drops that one and
  // remembers which local script (by its sha) the client's sha stands for.
  const scripts = new Map<string, string>();
  function localScript(script: string): string {
    const local = script.replace(/^#!lua flags=([^\n]*)/, (_, flags: string) => {
      const kept = flags.split(',').filter((f) => f.trim() && f.trim() !== 'allow-key-locking');
      return kept.length > 0 ? `#!lua flags=${kept.join(',')}` : '#!lua';
    });
    scripts.set(sha1(script), sha1(local));
    return local;
  }

  // EVAL (and EVAL_RO) run the local script, which Redis then caches; EVALSHA of a script the
  // bridge has seen runs the local one by its sha, so a call sends the sha, not the script, as it
  // does to Upstash. A sha Redis does not know answers NOSCRIPT, as Upstash does, and the client
  // falls back to EVAL.
  function toRedis(command: Array<string | number | boolean>): [string, ...string[]] {
    const [name = '', ...args] = command.map(String);
    const upper = name.toUpperCase();
    if ((upper === 'EVAL' || upper === 'EVAL_RO') && args[0] !== undefined) {
      return [upper, localScript(args[0]), ...args.slice(1)];
    }
    if ((upper === 'EVALSHA' || upper === 'EVALSHA_RO') && args[0] !== undefined) {
      return [upper, scripts.get(args[0].toLowerCase()) ?? args[0], ...args.slice(1)];
    }
    return [name, ...args];
  }

  async function run(command: Array<string | number | boolean>): Promise<Reply> {
    return (await redis.callBuffer(...toRedis(command))) as Reply;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!authorized(req)) return send(res, 401, { error: 'Unauthorized' });
    if (req.method !== 'POST') return send(res, 405, { error: 'Only POST is supported' });
    const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (error) {
      return send(res, 400, { error: `ERR invalid request body: ${errorMessage(error)}` });
    }
    const path = (req.url ?? '/').split('?')[0];

    if (path === '/' || path === '') {
      if (!isCommand(body)) return send(res, 400, { error: 'ERR expected a command array' });
      try {
        return send(res, 200, { result: encode(await run(body), base64) });
      } catch (error) {
        return send(res, 400, { error: errorMessage(error) });
      }
    }

    if (path === '/pipeline' || path === '/multi-exec') {
      if (!Array.isArray(body) || body.length === 0 || !body.every(isCommand)) {
        return send(res, 400, { error: 'ERR expected an array of command arrays' });
      }
      const commands = body as Array<Array<string | number | boolean>>;
      const batch = path === '/multi-exec' ? redis.multi() : redis.pipeline();
      for (const command of commands) batch.callBuffer(...toRedis(command));
      let results: Array<[Error | null, unknown]> | null;
      try {
        results = await batch.exec();
      } catch (error) {
        // MULTI/EXEC aborted as a whole (e.g. EXECABORT): one error for the transaction
        return send(res, 400, { error: errorMessage(error) });
      }
      return send(
        res,
        200,
        (results ?? []).map(([error, reply]) =>
          error ? { error: error.message } : { result: encode(reply as Reply, base64) },
        ),
      );
    }
    return send(res, 404, { error: `Unknown path ${path}` });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: errorMessage(error) });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${address.port}`,
    token: options.token,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect();
    },
  };
}
