import { createHash } from 'node:crypto';
import { newId, randomBase62 } from '@prood/validators';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { reusable } from '../reusable';
import { apiKeys } from '../schema';
import { scoped, type TenantScope } from './scope';

export type ApiKey = typeof apiKeys.$inferSelect;
export type ApiKeyMode = ApiKey['mode'];

const SECRET_KEY = /^sk_(test|live)_[0-9A-Za-z]{32}$/;

/** A new secret key, `sk_test_…` or `sk_live_…` with 32 base62 characters (~190 bits). */
export function generateApiKeySecret(mode: ApiKeyMode): string {
  return `sk_${mode}_${randomBase62(32)}`;
}

/** Keys are high-entropy, so a plain SHA-256 is enough and lookups stay a single index probe. */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function isApiKeySecret(value: string): boolean {
  return SECRET_KEY.test(value);
}

/** Stores a key by its hash; the plaintext is returned to the caller once and never again. */
export async function insertApiKey(
  db: Executor,
  input: TenantScope & { name: string; mode: ApiKeyMode; secret?: string },
): Promise<{ apiKey: ApiKey; secret: string }> {
  const secret = input.secret ?? generateApiKeySecret(input.mode);
  if (!isApiKeySecret(secret) || !secret.startsWith(`sk_${input.mode}_`)) {
    throw new Error(`API key secret must be an sk_${input.mode}_ key`);
  }
  const [apiKey] = await db
    .insert(apiKeys)
    .values({
      id: newId('apiKey'),
      tenantId: input.tenantId,
      name: input.name,
      mode: input.mode,
      displayPrefix: `${secret.slice(0, 12)}…`,
      hashedKey: hashApiKeySecret(secret),
    })
    .returning();
  if (!apiKey) throw new Error('insert returned no row');
  return { apiKey, secret };
}

/** The active key matching a presented secret, across tenants: this is how a tenant is found. */
export async function findActiveApiKey(
  db: Executor,
  { secret }: { secret: string },
): Promise<ApiKey | undefined> {
  if (!isApiKeySecret(secret)) return undefined;
  // built once per process: every storefront request runs it
  const [row] = await reusable(
    db,
    'api-keys.find-active',
    (d) =>
      d
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.hashedKey, sql.placeholder('hashedKey')), isNull(apiKeys.revokedAt)))
        .limit(1),
    { hashedKey: hashApiKeySecret(secret) },
  );
  return row;
}

export async function revokeApiKey(
  db: Executor,
  scope: TenantScope & { apiKeyId: string },
): Promise<ApiKey | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(scoped(apiKeys, scope, eq(apiKeys.id, scope.apiKeyId), isNull(apiKeys.revokedAt)))
    .returning();
  return row;
}

/** Records that a key was just used (`last_used_at`); callers throttle how often. */
export async function touchApiKey(
  db: Executor,
  scope: TenantScope & { apiKeyId: string; at?: Date },
): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: scope.at ?? new Date() })
    .where(scoped(apiKeys, scope, eq(apiKeys.id, scope.apiKeyId)));
}

/** The tenant's keys, newest first, without their hashes. */
export async function listApiKeys(db: Executor, scope: TenantScope) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      mode: apiKeys.mode,
      displayPrefix: apiKeys.displayPrefix,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      createdAt: apiKeys.createdAt,
    })
    .from(apiKeys)
    .where(scoped(apiKeys, scope))
    .orderBy(desc(apiKeys.createdAt));
}
