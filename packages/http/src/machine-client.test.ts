import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { machineRequest, RedirectRefusedError } from './machine-client';

let server: Server;
let base: string;
const seen: Array<{ method: string; headers: IncomingMessage['headers']; body: Buffer }> = [];

function answer(req: IncomingMessage, res: ServerResponse, body: Buffer) {
  seen.push({ method: req.method ?? '', headers: req.headers, body });
  switch (req.url) {
    case '/ok':
      return res.writeHead(201, { 'content-type': 'application/json' }).end('{"received":true}');
    case '/moved':
      return res.writeHead(302, { location: 'http://elsewhere.example/' }).end();
    case '/big':
      return res.writeHead(200).end('x'.repeat(100_000));
    case '/refused':
      return res.writeHead(422).end('{"error":{"code":"validation_error"}}');
    default:
      // /hang: never answers
      return undefined;
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => answer(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('machineRequest', () => {
  it('sends the bytes and headers as given and returns status and text', async () => {
    const body = new Uint8Array([0x7b, 0x22, 0xc3, 0xa9, 0x22, 0x7d]);
    const answer = await machineRequest(`${base}/ok`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-checkout-secret': 's3cret' },
      body,
      timeoutMs: 2000,
    });
    expect(answer).toEqual({ status: 201, ok: true, text: '{"received":true}' });
    const last = seen.at(-1);
    expect(last?.method).toBe('POST');
    expect(last?.headers['x-checkout-secret']).toBe('s3cret');
    expect(Buffer.compare(last?.body ?? Buffer.alloc(0), Buffer.from(body))).toBe(0);
  });

  it('returns a refusal with its body, not ok', async () => {
    const answer = await machineRequest(`${base}/refused`, {
      method: 'GET',
      headers: {},
      timeoutMs: 2000,
    });
    expect(answer).toMatchObject({ status: 422, ok: false });
    expect(JSON.parse(answer.text)).toEqual({ error: { code: 'validation_error' } });
  });

  it('refuses to follow a redirect', async () => {
    await expect(
      machineRequest(`${base}/moved`, { method: 'GET', headers: {}, timeoutMs: 2000 }),
    ).rejects.toBeInstanceOf(RedirectRefusedError);
  });

  it('reads no more of the answer than allowed', async () => {
    const answer = await machineRequest(`${base}/big`, {
      method: 'GET',
      headers: {},
      timeoutMs: 2000,
      maxBodyBytes: 1000,
    });
    expect(answer.text).toHaveLength(1000);
  });

  it('gives up at the deadline with a TimeoutError', async () => {
    const failure = await machineRequest(`${base}/hang`, {
      method: 'POST',
      headers: {},
      body: '{}',
      timeoutMs: 200,
    }).catch((error: unknown) => error);
    expect((failure as Error).name).toBe('TimeoutError');
  });

  it('fails when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      machineRequest(`http://127.0.0.1:${port}/`, { method: 'GET', headers: {}, timeoutMs: 2000 }),
    ).rejects.toThrow();
  });
});
