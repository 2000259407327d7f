import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, prefixedId } from './columns';
import { tenantId } from './tenant';

/** Secret API keys for storefronts. Only a SHA-256 of the key is stored; it is shown once. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    name: text().notNull(),
    mode: text({ enum: ['test', 'live'] }).notNull(),
    /** First characters of the key, for recognising it in a list (`sk_test_AbCd…`). */
    displayPrefix: text().notNull(),
    hashedKey: text().notNull(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('api_keys_hashed_key_key').on(t.hashedKey),
    index('api_keys_tenant_idx').on(t.tenantId),
  ],
);
