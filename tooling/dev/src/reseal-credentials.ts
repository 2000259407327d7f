// `pnpm credentials:reseal`: after a new key was put first in CREDENTIALS_ENCRYPTION_KEYS,
// re-encrypts every stored provider credential under it, so the old key can be removed.
import { createDatabase, dbEnv } from '@prood/db';
import { integrations } from '@prood/db/schema';
import { parseKeyring, resealCredentials } from '@prood/provider-factory/credentials';
import { and, eq, ne } from 'drizzle-orm';
import { devEnv } from './env';

const url = dbEnv.DATABASE_URL;
const spec = devEnv.CREDENTIALS_ENCRYPTION_KEYS;
if (!url || !spec) {
  console.error('prood: set DATABASE_URL and CREDENTIALS_ENCRYPTION_KEYS (new key first).');
  process.exit(1);
}
const keyring = parseKeyring(spec);
const db = createDatabase(url, { max: 2, applicationName: 'prood-reseal' });
try {
  const stale = await db
    .select()
    .from(integrations)
    .where(ne(integrations.keyId, keyring.primary.id));
  let moved = 0;
  for (const row of stale) {
    const sealed = resealCredentials(
      keyring,
      { tenantId: row.tenantId, provider: row.provider },
      { keyId: row.keyId, ciphertext: row.encryptedCredentials },
    );
    // compare-and-swap: a row changed meanwhile (re-saved by its merchant) is already current
    const updated = await db
      .update(integrations)
      .set({ encryptedCredentials: sealed.ciphertext, keyId: sealed.keyId })
      .where(
        and(
          eq(integrations.id, row.id),
          eq(integrations.keyId, row.keyId),
          eq(integrations.encryptedCredentials, row.encryptedCredentials),
        ),
      )
      .returning({ id: integrations.id });
    moved += updated.length;
  }
  const [left] = await db.$client<{ count: number }[]>`
    select count(*)::int as count from integrations where key_id <> ${keyring.primary.id}`;
  console.error(
    `prood: re-sealed ${moved} integration(s) under key "${keyring.primary.id}"; ${left?.count ?? 0} left on other keys`,
  );
} finally {
  await db.$client.end({ timeout: 5 });
}
