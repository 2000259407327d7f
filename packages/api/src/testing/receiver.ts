import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the receiver answers one request. */
export type ReceiverBehaviour = 'ok' | 'error' | 'hang';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  path: string;
}

/**
 * A real HTTP server on a loopback port that records every webhook it receives. Answers 200
 * unless told otherwise: `script` lists the behaviour of the next requests in turn (`error` =
 * 500 with a 5 KiB body, `hang` = never answers).
 */
export async function startWebhookReceiver(options: { record?: boolean } = {}) {
  const received: ReceivedWebhook[] = [];
  const script: ReceiverBehaviour[] = [];
  const hanging = new Set<ServerResponse>();
  const waiters: Array<{ done: () => boolean; resolve: () => void }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (options.record !== false) {
        received.push({
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          path: req.url ?? '/',
        });
      } else {
        received.length += 1;
      }
      for (const waiter of waiters.filter((w) => w.done())) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      const behaviour = script.shift() ?? 'ok';
      if (behaviour === 'hang') {
        hanging.add(res);
        return;
      }
      if (behaviour === 'error') {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('x'.repeat(5 * 1024));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    received,
    script,
    /** Resolves once `done()` holds (checked now and after every request). */
    waitUntil(done: () => boolean): Promise<void> {
      if (done()) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ done, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
