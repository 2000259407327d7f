import { createConnection, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Drops every open connection and refuses new ones until `restore`. */
  cut(): void;
  restore(): void;
  /** Connections dropped or refused while cut. */
  readonly severed: number;
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 whose link can be cut and restored: the fault suite puts it between
 * the checkout app and the API to break forwards mid-flight.
 */
export async function startTcpProxy(listenPort: number, targetPort: number): Promise<TcpProxy> {
  let cut = false;
  let severed = 0;
  const open = new Set<Socket>();
  const server = createServer((client) => {
    if (cut) {
      severed++;
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      socket.on('error', drop);
      socket.on('close', drop);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  return {
    port: listenPort,
    cut() {
      cut = true;
      severed += open.size / 2;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    restore() {
      cut = false;
    },
    get severed() {
      return Math.round(severed);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
