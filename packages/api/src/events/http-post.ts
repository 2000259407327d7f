import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import {
  bareHostname,
  type EndpointMode,
  guardedLookup,
  type ResolveHost,
  refusedAddressReason,
} from './ssrf';

/** What one POST to a merchant's endpoint gave. */
export interface PostResult {
  ok: boolean;
  status: number | null;
  /** At most `EXCERPT_BYTES` of the response body. */
  excerpt: string | null;
  error: string | null;
  durationMs: number;
}

export const EXCERPT_BYTES = 1024;
/** Bodies longer than this are not read to the end; the connection is dropped instead. */
const DRAIN_LIMIT_BYTES = 64 * 1024;

const agents = {
  http: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
};

/**
 * POSTs a signed webhook body without following redirects. The address is checked at
 * connect time (IP literals before, host names by the guarded lookup), the whole exchange is
 * bounded by `timeoutMs`, and only a 2xx counts as success.
 */
export function postWebhook(input: {
  url: string;
  mode: EndpointMode;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  resolveHost: ResolveHost;
}): Promise<PostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const fail = (error: string, status: number | null = null, excerpt: string | null = null) => ({
    ok: false,
    status,
    excerpt,
    error,
    durationMs: elapsed(),
  });
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return Promise.resolve(fail('invalid URL'));
  }
  const host = bareHostname(url);
  if (isIP(host)) {
    const reason = refusedAddressReason(host, input.mode);
    if (reason) return Promise.resolve(fail(`address refused: ${host} (${reason})`));
  }
  const https = url.protocol === 'https:';
  if (!https && !(url.protocol === 'http:' && input.mode === 'test')) {
    return Promise.resolve(fail(`scheme refused: ${url.protocol}`));
  }
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = (https ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        agent: https ? agents.https : agents.http,
        lookup: guardedLookup(input.mode, input.resolveHost),
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(input.body),
          'user-agent': 'prood-webhooks/1',
          ...input.headers,
        },
      },
      (response: IncomingMessage) => {
        const status = response.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          if (read < EXCERPT_BYTES) chunks.push(chunk);
          read += chunk.length;
          if (read > DRAIN_LIMIT_BYTES) response.destroy();
        });
        const done = () => {
          const excerpt = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8');
          const ok = status >= 200 && status < 300;
          finish({
            ok,
            status,
            excerpt,
            error: ok ? null : `HTTP ${status}`,
            durationMs: elapsed(),
          });
        };
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      finish(fail(`timeout after ${input.timeoutMs} ms`));
      request.destroy();
    }, input.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => {
      finish(
        fail(
          error.name === 'RefusedAddressError'
            ? `address refused: ${error.message}`
            : `${error.code ?? error.name}: ${error.message}`.slice(0, 300),
        ),
      );
    });
    request.end(input.body);
  });
}
