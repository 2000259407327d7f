import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError, malformedUrlProblem, readJsonRequest, readWebhookBody } from '.';

const schema = z.strictObject({
  name: z.string(),
  address: z.strictObject({ line1: z.string() }).optional(),
});

const post = (body: string | null, headers: Record<string, string> = {}) =>
  new Request('http://x/y', { method: 'POST', body, headers });
const json = { 'content-type': 'application/json' };

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, body: error.toBody().error };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('readJsonRequest', () => {
  it('parses a strict JSON body', async () => {
    await expect(readJsonRequest(post('{"name":"Ada"}', json), schema)).resolves.toEqual({
      name: 'Ada',
    });
  });

  it('415 for text/plain or a body with no content type', async () => {
    for (const headers of [{ 'content-type': 'text/plain' }, {}] as Record<string, string>[]) {
      const r = await refusal(readJsonRequest(post('{"name":"Ada"}', headers), schema));
      expect(r).toMatchObject({ status: 415, body: { code: 'unsupported_media_type' } });
    }
  });

  it('413 past the limit, whether declared or streamed', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(2000) });
    const r = await refusal(readJsonRequest(post(big, json), schema, { maxBytes: 1000 }));
    expect(r).toMatchObject({ status: 413, body: { code: 'payload_too_large' } });
  });

  it('400 naming the field for NUL characters and lone surrogates, nested too', async () => {
    const nul = await refusal(
      readJsonRequest(post('{"name":"A\\u0000","address":{"line1":"\\ud800x"}}', json), schema),
    );
    expect(nul).toMatchObject({ status: 400, body: { code: 'validation_error' } });
    expect(nul.body.details).toEqual([
      { field: 'name', message: 'must not contain a NUL character' },
      { field: 'address.line1', message: 'must not contain a lone UTF-16 surrogate' },
    ]);
    // a correctly paired surrogate (an emoji) is fine
    await expect(readJsonRequest(post('{"name":"\\ud83d\\ude00"}', json), schema)).resolves.toEqual(
      { name: '😀' },
    );
  });

  it('400 naming every unknown field with its path', async () => {
    const r = await refusal(
      readJsonRequest(
        post('{"name":"A","amount":1,"address":{"line1":"x","evil":2}}', json),
        schema,
      ),
    );
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual(
      expect.arrayContaining([
        { field: 'amount', message: 'is not a known field' },
        { field: 'address.evil', message: 'is not a known field' },
      ]),
    );
  });

  it('400 invalid_json for broken JSON', async () => {
    const r = await refusal(readJsonRequest(post('{"name":', json), schema));
    expect(r).toMatchObject({ status: 400, body: { code: 'invalid_json' } });
  });
});

describe('malformedUrlProblem', () => {
  it('refuses bad percent-encoding and NULs in path or query, accepts good ones', () => {
    expect(malformedUrlProblem('http://x/v1/orders/%E0%A4%A')).toMatch(/percent-encoding/);
    expect(malformedUrlProblem('http://x/v1/orders?status=%zz')).toMatch(/percent-encoding/);
    expect(malformedUrlProblem('http://x/v1/orders/%00')).toMatch(/cannot be stored/);
    expect(malformedUrlProblem('http://x/v1/orders/caf%C3%A9?q=a%20b+c')).toBeNull();
  });
});

describe('readWebhookBody', () => {
  it('keeps the bytes of any content type, and answers 413 past 1 MB', async () => {
    const form = post('id=tr_1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(Buffer.from((await readWebhookBody(form)) as Uint8Array).toString()).toBe('id=tr_1');
    const big = await readWebhookBody(post('x'.repeat(1_000_001)));
    expect(big).toBeInstanceOf(Response);
    expect((big as Response).status).toBe(413);
    expect(await (big as Response).json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('answers 400 body_incomplete, not a signature error, for a body cut off on the way', async () => {
    // fewer bytes than the declared content-length (a sender that timed out mid-body)
    const short = await readWebhookBody(post('{"id":"evt_1"', { 'content-length': '40' }));
    expect(short).toBeInstanceOf(Response);
    expect((short as Response).status).toBe(400);
    expect(await (short as Response).json()).toMatchObject({
      error: { code: 'body_incomplete', details: { declaredBytes: 40, receivedBytes: 13 } },
    });
    // a stream that breaks off after its first bytes
    let pulls = 0;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        if (pulls === 1) controller.enqueue(new TextEncoder().encode('{"id":'));
        else controller.error(new Error('aborted'));
      },
    });
    const aborted = await readWebhookBody(
      new Request('http://x/y', { method: 'POST', body: broken, duplex: 'half' } as RequestInit),
    );
    expect((aborted as Response).status).toBe(400);
    expect(await (aborted as Response).json()).toMatchObject({
      error: { code: 'body_incomplete', details: { receivedBytes: 6 } },
    });
    // a whole body with its exact content-length is read as it is
    const whole = await readWebhookBody(post('{"id":"evt_1"}', { 'content-length': '14' }));
    expect(Buffer.from(whole as Uint8Array).toString()).toBe('{"id":"evt_1"}');
  });
});
