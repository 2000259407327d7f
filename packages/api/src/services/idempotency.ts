import { createHash } from 'node:crypto';
import type { Database } from '@prood/db';
import { idempotencyKeys } from '@prood/db/schema';
import { newId } from '@prood/validators';
import { and, eq, lt } from 'drizzle-orm';
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
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.tenantId, input.tenantId),
        eq(idempotencyKeys.key, input.key),
        lt(idempotencyKeys.expiresAt, now),
      ),
    );
  const [claimed] = await db
    .insert(idempotencyKeys)
    .values({
      id: newId('idempotency'),
      tenantId: input.tenantId,
      key: input.key,
      requestHash: input.fingerprint,
      expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
    })
    .onConflictDoNothing({ target: [idempotencyKeys.tenantId, idempotencyKeys.key] })
    .returning({ id: idempotencyKeys.id });

  if (!claimed) {
    const [existing] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.tenantId, input.tenantId), eq(idempotencyKeys.key, input.key)));
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
      await db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, claimed.id));
      throw error;
    }
    result = { status, body: error.toBody() };
  }
  if (result.status >= 500) {
    await db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, claimed.id));
  } else {
    await db
      .update(idempotencyKeys)
      .set({ responseStatus: result.status, responseBody: result.body })
      .where(eq(idempotencyKeys.id, claimed.id));
  }
  return { ...result, replayed: false };
}
