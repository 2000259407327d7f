import { newId } from '@prood/validators';
import { eq, lt } from 'drizzle-orm';
import type { Executor } from '../client';
import { idempotencyKeys } from '../schema';
import { scoped, type TenantScope } from './scope';

export type IdempotencyKey = typeof idempotencyKeys.$inferSelect;

/** Removes the tenant's record of `key` when it expired before `now`, so the key can be reused. */
export async function deleteExpiredIdempotencyKey(
  db: Executor,
  scope: TenantScope & { key: string; now: Date },
): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(
      scoped(
        idempotencyKeys,
        scope,
        eq(idempotencyKeys.key, scope.key),
        lt(idempotencyKeys.expiresAt, scope.now),
      ),
    );
}

/**
 * Claims `(tenant, key)` for one request: the row's id when this call inserted it, `undefined`
 * when the key is already held (the unique index decides, so two racing requests cannot both win).
 */
export async function claimIdempotencyKey(
  db: Executor,
  scope: TenantScope & { key: string; requestHash: string; expiresAt: Date },
): Promise<string | undefined> {
  const [claimed] = await db
    .insert(idempotencyKeys)
    .values({
      id: newId('idempotency'),
      tenantId: scope.tenantId,
      key: scope.key,
      requestHash: scope.requestHash,
      expiresAt: scope.expiresAt,
    })
    .onConflictDoNothing({ target: [idempotencyKeys.tenantId, idempotencyKeys.key] })
    .returning({ id: idempotencyKeys.id });
  return claimed?.id;
}

export async function getIdempotencyKey(
  db: Executor,
  scope: TenantScope & { key: string },
): Promise<IdempotencyKey | undefined> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(scoped(idempotencyKeys, scope, eq(idempotencyKeys.key, scope.key)));
  return row;
}

/** Gives a claimed key up (the request failed on our side, so the client may retry it). */
export async function releaseIdempotencyKey(
  db: Executor,
  scope: TenantScope & { idempotencyKeyId: string },
): Promise<void> {
  await db
    .delete(idempotencyKeys)
    .where(scoped(idempotencyKeys, scope, eq(idempotencyKeys.id, scope.idempotencyKeyId)));
}

/** Stores the response of a claimed key, to be replayed to retries. */
export async function storeIdempotentResponse(
  db: Executor,
  scope: TenantScope & { idempotencyKeyId: string; status: number; body: unknown },
): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ responseStatus: scope.status, responseBody: scope.body })
    .where(scoped(idempotencyKeys, scope, eq(idempotencyKeys.id, scope.idempotencyKeyId)));
}
