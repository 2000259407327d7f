import { boolean, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, prefixedId, updatedAt } from './columns';
import { tenantId } from './tenant';

/**
 * A tenant's connection to a payment provider. Credentials are AES-256-GCM ciphertext bound to
 * the tenant and provider; `keyId` names the master key that sealed them so keys can rotate.
 */
export const integrations = pgTable(
  'integrations',
  {
    id: prefixedId(),
    tenantId: tenantId(),
    provider: text().notNull(),
    mode: text({ enum: ['test', 'live'] }).notNull(),
    enabled: boolean().notNull().default(true),
    encryptedCredentials: text().notNull(),
    keyId: text().notNull(),
    /** Masked view of the credentials (`sk_test_…4242`), safe to show in the dashboard. */
    maskedCredentials: text().notNull().default('{}'),
    /**
     * Bumped by a trigger on every UPDATE of the row (migration 0008), so a provider built from
     * one version is never used after the credentials, mode or enabled flag changed.
     */
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('integrations_tenant_provider_key').on(t.tenantId, t.provider)],
);
