import { type ApiKey, type Database, findActiveApiKey, touchApiKey } from '@prood/db';
import { ApiError } from '../errors';

/** Minimum gap between two `last_used_at` writes for one key, so reads stay cheap. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Authenticates `Authorization: Bearer sk_…` (or HTTP basic with the key as user, as Stripe
 * accepts) and returns the key, whose tenant scopes everything after. One error for every
 * failure, so a caller learns nothing about which keys exist.
 */
export async function authenticateApiKey(
  db: Database,
  authorization: string | null,
): Promise<ApiKey> {
  const secret = parseAuthorization(authorization);
  const key = secret ? await findActiveApiKey(db, { secret }) : undefined;
  if (!key) {
    throw new ApiError(
      'unauthorized',
      'Provide a valid secret API key: Authorization: Bearer sk_test_…',
    );
  }
  if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await touchApiKey(db, { tenantId: key.tenantId, apiKeyId: key.id });
  }
  return key;
}

function parseAuthorization(header: string | null): string | null {
  if (!header) return null;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!scheme || !value) return null;
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.split(':', 1)[0] ?? null;
  }
  return null;
}
