import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { createDatabase } from './client';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

/**
 * Applies the committed migrations. Safe to run from several processes at once: an advisory
 * lock serialises them, and applied migrations are skipped, so a second run is a no-op.
 */
export async function migrateDatabase(url: string): Promise<void> {
  const db = createDatabase(url, { max: 1, applicationName: 'prood-migrate' });
  try {
    await db.$client`select pg_advisory_lock(hashtext('prood:migrate'))`;
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    await db.$client`select pg_advisory_unlock(hashtext('prood:migrate'))`;
  } finally {
    await db.$client.end({ timeout: 5 });
  }
}
