import { createHash } from 'node:crypto';
import {
  claimIdempotencyKey,
  type Database,
  deleteExpiredIdempotencyKey,
  getIdempotencyKey,
  releaseIdempotencyKey,
  storeIdempotentResponse,
} from '@prood/db';
import { ApiError } from '../errors';

/** Replays last 24 hours, like Stripe's. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface StoredResponse {
  status: number;
  body: unknown;
  replayed: boolean;
}

export function requestFingerprint(method: string, path: string, body: string): string {
  return createHash('sha256').update(`${method} ${path}\n${body}`).digest('hex');
}

/**
 * Runs `handler` once per (tenant, Idempotency-Key). A retry with the same key and the same
 * request gets the first response back; the same key with a different request is refused
 * (422 idempotency_key_reused); a retry while the first is still running gets 409. Server
 * errors are not stored, so the client may retry them.
 */
export async function withIdempotency(
  db: Database,
  input: { tenantId: string; key: string; fingerprint: string },
  handler: () => Promise<{ status: number; body: unknown }>,
): Promise<StoredResponse> {
  if (!KEY_PATTERN.test(input.key)) {
    throw new ApiError('validation_error', 'Idempotency-Key must be 1–255 printable characters.', {
      field: 'Idempotency-Key',
    });
  }
  const now = new Date();
  const scope = { tenantId: input.tenantId, key: input.key };
  await deleteExpiredIdempotencyKey(db, { ...scope, now });
  const claimed = await claimIdempotencyKey(db, {
    ...scope,
    requestHash: input.fingerprint,
    expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
  });

  if (!claimed) {
    const existing = await getIdempotencyKey(db, scope);
    if (!existing) {
      throw new ApiError(
        'idempotency_in_progress',
        'A request with this Idempotency-Key is in progress; retry shortly.',
      );
    }
    if (existing.requestHash !== input.fingerprint) {
      throw new ApiError(
        'idempotency_key_reused',
        'This Idempotency-Key was used with a different request.',
        { field: 'Idempotency-Key' },
      );
    }
    if (existing.responseStatus === null) {
      throw new ApiError(
        'idempotency_in_progress',
        'A request with this Idempotency-Key is in progress; retry shortly.',
      );
    }
    return { status: existing.responseStatus, body: existing.responseBody, replayed: true };
  }

  let result: { status: number; body: unknown };
  try {
    result = await handler();
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 500;
    if (status >= 500 || !(error instanceof ApiError)) {
      await releaseIdempotencyKey(db, { tenantId: input.tenantId, idempotencyKeyId: claimed });
      throw error;
    }
    result = { status, body: error.toBody() };
  }
  if (result.status >= 500) {
    await releaseIdempotencyKey(db, { tenantId: input.tenantId, idempotencyKeyId: claimed });
  } else {
    await storeIdempotentResponse(db, {
      tenantId: input.tenantId,
      idempotencyKeyId: claimed,
      status: result.status,
      body: result.body,
    });
  }
  return { ...result, replayed: false };
}
