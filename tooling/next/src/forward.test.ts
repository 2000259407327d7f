import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createForwardingRoute } from './forward';

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname === '/slow-stream') {
      // 12 chunks 60 ms apart: ~720 ms in all, far longer than the forward's 300 ms limits
      response.writeHead(200, { 'content-type': 'text/csv' });
      let sent = 0;
      const tick = setInterval(() => {
        response.write(`row ${sent}\n`);
        sent += 1;
        if (sent === 12) {
          clearInterval(tick);
          response.end();
        }
      }, 60);
      return;
    }
    if (url.pathname === '/stalls') {
      response.writeHead(200, { 'content-type': 'text/csv' });
      response.write('row 0\n');
      // then nothing for longer than the idle limit
      setTimeout(() => response.end('late\n'), 1_500);
      return;
    }
    if (url.pathname === '/no-answer') {
      setTimeout(() => response.end('too late'), 1_500);
      return;
    }
    response.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('createForwardingRoute', () => {
  const forward = () => createForwardingRoute(() => origin, { firstByteMs: 300, idleMs: 300 });

  it('passes a long streamed body through whole while it keeps sending', async () => {
    const started = Date.now();
    const response = await forward()(new Request('http://dash.test/slow-stream'));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.trim().split('\n')).toHaveLength(12);
    expect(text).toContain('row 11');
    // it did outlast both limits
    expect(Date.now() - started).toBeGreaterThan(600);
  });

  it('cuts a body that stalls longer than the idle limit', async () => {
    const response = await forward()(new Request('http://dash.test/stalls'));
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });

  it('answers 503 when the upstream sends no headers in time', async () => {
    const response = await forward()(new Request('http://dash.test/no-answer'));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'service_unavailable' } });
  });
});
