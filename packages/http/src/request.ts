import type { z } from 'zod';
import { type FieldIssue, HttpError } from './errors';
import { findUnstorableText } from './text';

/** The body limit of every JSON endpoint unless it says otherwise. */
export const DEFAULT_MAX_BODY_BYTES = 1_000_000;

const JSON_MEDIA_TYPE = /^application\/json\s*(;|$)/i;

/**
 * Reads a body's bytes unchanged (webhook signatures are checked on them), refusing it with 413
 * as soon as it grows past `maxBytes`; a declared `content-length` over the limit is refused
 * before a byte is read. A body that ends before its declared `content-length`, or whose stream
 * breaks off (the sender gave up mid-request), is refused with 400 `body_incomplete`: checking a
 * signature on the part that arrived would only say "invalid signature" about a body that was
 * never whole.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new HttpError(
      'payload_too_large',
      `The request body is too large (${maxBytes} bytes at most).`,
      {
        maxBytes,
      },
    );
  const declared = request.headers.has('content-length')
    ? Number(request.headers.get('content-length'))
    : Number.NaN;
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const incomplete = (received: number) =>
    new HttpError(
      'body_incomplete',
      'The request body ended before all of it arrived; send the whole request again.',
      Number.isFinite(declared)
        ? { declaredBytes: declared, receivedBytes: received }
        : { receivedBytes: received },
    );
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      throw incomplete(size);
    });
    if (done) {
      if (size < declared) throw incomplete(size);
      break;
    }
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** Provider webhooks are small; a larger body is refused before it is verified. */
export const MAX_WEBHOOK_BYTES = 1_000_000;

/**
 * A webhook's raw bytes, or the response to send instead: 413 past 1 MB, 400 `body_incomplete`
 * for a body cut off on the way (never a signature error). The provider's own content type
 * is kept: webhook routes check only the size before verifying the signature.
 *
 * @example
 * const body = await readWebhookBody(request);
 * if (body instanceof Response) return body;
 */
export async function readWebhookBody(request: Request): Promise<Uint8Array | Response> {
  try {
    return await readBodyBytes(request, MAX_WEBHOOK_BYTES);
  } catch (error) {
    if (error instanceof HttpError) return error.toResponse();
    throw error;
  }
}

/** {@link readBodyBytes} as UTF-8 text. */
export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  return Buffer.from(await readBodyBytes(request, maxBytes)).toString('utf8');
}

/**
 * A JSON request body, hardened: 415 unless it is `application/json` (an empty body may come
 * without a content type and reads as `{}`), 413 over `maxBytes`, 400 `invalid_json`, and 400
 * `validation_error` naming each string Postgres could not store.
 *
 * @example
 * const { json, raw } = await readJsonBody(request);
 */
export async function readJsonBody(
  request: Request,
  options: { maxBytes?: number } = {},
): Promise<{ json: unknown; raw: string }> {
  const contentType = request.headers.get('content-type');
  const declaredEmpty = request.headers.get('content-length') === '0' || request.body === null;
  if (!(contentType && JSON_MEDIA_TYPE.test(contentType)) && !(declaredEmpty && !contentType)) {
    throw new HttpError(
      'unsupported_media_type',
      'Send the request body as JSON with `content-type: application/json`.',
      { contentType },
    );
  }
  const raw = await readBodyText(request, options.maxBytes ?? DEFAULT_MAX_BODY_BYTES);
  if (raw.trim() === '') return { json: {}, raw };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new HttpError('invalid_json', 'The request body is not valid JSON.');
  }
  assertStorable(json, 'body');
  return { json, raw };
}

/** 400 `validation_error` when any string in `value` could not be stored. */
export function assertStorable(value: unknown, what: 'body' | 'query' | 'path', prefix = '') {
  const issues = findUnstorableText(value, prefix);
  if (issues.length > 0) {
    throw new HttpError(
      'validation_error',
      `The request ${what} contains text that cannot be stored.`,
      issues,
    );
  }
}

/**
 * zod issues as `{ field, message }`; an unknown key (strict objects) is one entry per key,
 * named by its full path, so a client sees exactly what to remove.
 */
export function zodIssues(error: z.ZodError, prefix?: string): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: base ? `${base}.${key}` : key,
        message: 'is not a known field',
      }));
    }
    return [{ field: base || prefix || '(root)', message: issue.message }];
  });
}

/** Parses `value` with `schema`, or throws 400 `validation_error` listing every field. */
export function parseInput<T extends z.ZodType>(
  schema: T,
  value: unknown,
  what: 'body' | 'query',
): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new HttpError(
      'validation_error',
      `The request ${what} is invalid.`,
      zodIssues(parsed.error, what === 'query' ? 'query' : undefined),
    );
  }
  return parsed.data;
}

/**
 * `readJsonBody` then `parseInput`: the whole path from bytes to a typed, strict body.
 *
 * @example
 * const body = await readJsonRequest(request, z.strictObject({ amount: z.number().int() }));
 */
export async function readJsonRequest<T extends z.ZodType>(
  request: Request,
  schema: T,
  options: { maxBytes?: number } = {},
): Promise<z.output<T>> {
  const { json } = await readJsonBody(request, options);
  return parseInput(schema, json, 'body');
}
