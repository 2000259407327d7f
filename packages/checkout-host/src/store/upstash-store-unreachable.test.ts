import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createUpstashSessionStore } from './upstash-store';

const servers: Server[] = [];
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  await Promise.all(
    servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))),
  );
});

/** A TCP server that does `onConnection` to every client; resolves with its port. */
async function listen(onConnection: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    sockets.add(socket);
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

const write = { id: 'cs_down', version: 1, json: '{}', ttlMs: 60_000, expiry: null };

// Without a deadline on its commands, the Upstash client waits forever on a store that
// accepts connections and never answers: the checkout page hung instead of showing its 503.
describe('Upstash session store that cannot be reached', () => {
  it('fails every command when the store accepts connections and never answers', {
    timeout: 10_000,
  }, async () => {
    let connections = 0;
    const port = await listen(() => {
      connections += 1;
    });
    const store = createUpstashSessionStore({
      url: `http://127.0.0.1:${port}`,
      token: 'test-token',
      timeoutMs: 300,
    });
    await expect(store.get('cs_down')).rejects.toThrow();
    await expect(store.compareAndSet(write, 1)).rejects.toThrow();
    await expect(store.create(write)).rejects.toThrow();
    expect(connections).toBeGreaterThan(0);
  });

  it('fails when every connection is dropped (the link cut), and works once it is back', {
    timeout: 10_000,
  }, async () => {
    let cut = true;
    const port = await listen((socket) => {
      if (cut) {
        socket.destroy();
        return;
      }
      socket.once('data', () => {
        // the client auto-pipelines: one POST /pipeline, one result per command
        const body = JSON.stringify([{ result: null }]);
        socket.end(
          `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
        );
      });
    });
    const store = createUpstashSessionStore({ url: `http://127.0.0.1:${port}`, token: 't' });
    await expect(store.get('cs_down')).rejects.toThrow();
    cut = false;
    expect(await store.get('cs_down')).toBeNull();
  });
});
