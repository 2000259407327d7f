import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** An event as `GET /v1/events` returns it (only what the listener reads). */
interface ListedEvent {
  id: string;
  type: string;
}

export interface ListenOptions {
  /** Base URL of the commerce API, e.g. `http://localhost:3002`. */
  apiUrl: string;
  apiKey: string;
  /** Where each event is POSTed, e.g. `http://localhost:3000/webhooks`. */
  forwardTo: string;
  /** A `whsec_…` to sign with; a fresh one is made (and printed) when absent. */
  secret?: string | undefined;
  /** Only these types are forwarded; all when absent. */
  types?: string[] | undefined;
  /** How often `/v1/events` is asked for news; default 500 ms. */
  pollIntervalMs?: number | undefined;
  log?: (line: string) => void;
}

export interface Listener {
  /** The secret every forwarded event is signed with. */
  secret: string;
  /** Resolves once the starting point ("now") is known; events after it are forwarded. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

class ApiCallError extends Error {
  override name = 'ApiCallError';
}

/**
 * Follows the account's events from now on and forwards each one to a local URL, signed per
 * Standard Webhooks exactly as a webhook endpoint would receive it — `stripe listen` for prood.
 * Polls `GET /v1/events?endingBefore=<newest seen>`, so no event is skipped or sent twice.
 *
 * @example
 * const listener = listenForEvents({ apiUrl: 'http://localhost:3002', apiKey, forwardTo: 'http://localhost:3000/webhooks' });
 * console.log(listener.secret); // whsec_… — verify with it
 */
export function listenForEvents(options: ListenOptions): Listener {
  const secret = options.secret ?? `whsec_${randomBytes(32).toString('base64')}`;
  const signer = new Webhook(secret);
  const log = options.log ?? (() => {});
  const base = options.apiUrl.replace(/\/+$/, '');
  let stopped = false;
  let cursor: string | undefined;
  let wake: (() => void) | undefined;

  const api = async (query: string) => {
    const response = await fetch(`${base}/v1/events?${query}`, {
      headers: { authorization: `Bearer ${options.apiKey}` },
    });
    const body = (await response.json().catch(() => null)) as {
      data?: Array<ListedEvent & Record<string, unknown>>;
      hasMore?: boolean;
      error?: { message?: string };
    } | null;
    if (!response.ok || !body?.data) {
      throw new ApiCallError(
        `GET /v1/events answered ${response.status}: ${body?.error?.message ?? 'no list'}`,
      );
    }
    return { data: body.data, hasMore: body.hasMore === true };
  };

  const forward = async (event: ListedEvent & Record<string, unknown>) => {
    const payload = JSON.stringify(event);
    const now = new Date();
    const started = performance.now();
    try {
      const response = await fetch(options.forwardTo, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'prood-listen/1',
          'webhook-id': event.id,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signer.sign(event.id, now, payload),
        },
        body: payload,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      log(
        `${now.toISOString()}  --> ${event.type} [${event.id}]  <-- [${response.status}] ${Math.round(performance.now() - started)} ms`,
      );
    } catch (error) {
      log(
        `${now.toISOString()}  --> ${event.type} [${event.id}]  <-- failed: ${(error as Error).message}`,
      );
    }
  };

  const ready = (async () => {
    const latest = await api('limit=1');
    cursor = latest.data[0]?.id;
  })();

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loop = (async () => {
    await ready;
    while (!stopped) {
      try {
        let more = true;
        while (more && !stopped) {
          // newest first, the closest after the cursor: forwarded oldest first
          const page = await api(cursor ? `limit=100&endingBefore=${cursor}` : 'limit=100');
          const news = [...page.data].reverse();
          for (const event of news) {
            if (!options.types || options.types.includes(event.type)) await forward(event);
            cursor = event.id;
          }
          more = page.hasMore;
        }
      } catch (error) {
        log(`could not read events: ${(error as Error).message} (retrying)`);
      }
      if (!stopped) await sleep(options.pollIntervalMs ?? 500);
    }
  })();

  return {
    secret,
    ready,
    async stop() {
      stopped = true;
      wake?.();
      await loop.catch(() => {});
    },
  };
}
