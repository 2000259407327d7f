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
  /** How often `/v1/events` is asked for news while events are arriving; default 100 ms. */
  pollIntervalMs?: number | undefined;
  /** The interval after a quiet half minute (less load on an idle API); default 250 ms. */
  idlePollIntervalMs?: number | undefined;
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
 * Polls `GET /v1/events?endingBefore=<newest seen>` every 100 ms (250 ms after a quiet half
 * minute), so no event is skipped or sent twice; while the local receiver cannot be reached the
 * events are held and retried, with one line when it goes down and one when it is back.
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

  /** One line when a state begins (receiver down, API unreadable), one when it ends. */
  const trouble = new Map<'receiver' | 'api', string>();
  const report = (what: 'receiver' | 'api', problem: string | undefined) => {
    const was = trouble.get(what);
    if (problem === undefined) {
      if (was === undefined) return;
      trouble.delete(what);
      log(what === 'receiver' ? `${options.forwardTo} is answering again` : 'reading events again');
    } else if (was === undefined) {
      trouble.set(what, problem);
      log(
        what === 'receiver'
          ? `cannot reach ${options.forwardTo}: ${problem} (holding events and retrying until it answers)`
          : `cannot read events: ${problem} (retrying)`,
      );
    }
  };

  /** POSTs one event; false when the receiver could not be reached (it is retried). */
  const forward = async (event: ListedEvent & Record<string, unknown>): Promise<boolean> => {
    const payload = JSON.stringify(event);
    const now = new Date();
    const started = performance.now();
    let response: Response;
    try {
      response = await fetch(options.forwardTo, {
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
    } catch (error) {
      const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
      report('receiver', cause ?? (error as Error).message);
      return false;
    }
    report('receiver', undefined);
    // an answer, even a 4xx/5xx, is the receiver's verdict: shown, not retried
    log(
      `${now.toISOString()}  --> ${event.type} [${event.id}]  <-- [${response.status}] ${Math.round(performance.now() - started)} ms`,
    );
    return true;
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
    let lastNews = performance.now();
    let retryMs = 0;
    while (!stopped) {
      try {
        let more = true;
        retryMs = 0;
        while (more && !stopped) {
          // newest first, the closest after the cursor: forwarded oldest first
          const page = await api(cursor ? `limit=100&endingBefore=${cursor}` : 'limit=100');
          report('api', undefined);
          const news = [...page.data].reverse();
          for (const event of news) {
            if (stopped) break;
            const wanted = !options.types || options.types.includes(event.type);
            if (wanted && !(await forward(event))) {
              // the receiver is down: this event is held (the cursor stays) and tried again
              more = false;
              retryMs = 500;
              break;
            }
            cursor = event.id;
            lastNews = performance.now();
          }
          if (retryMs === 0) more = page.hasMore;
        }
      } catch (error) {
        report('api', (error as Error).message);
        retryMs = 1_000;
      }
      if (stopped) break;
      const quiet = performance.now() - lastNews > 30_000;
      await sleep(
        retryMs || (quiet ? (options.idlePollIntervalMs ?? 250) : (options.pollIntervalMs ?? 100)),
      );
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
