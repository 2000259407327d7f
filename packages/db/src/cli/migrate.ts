import { ConfigError } from '../env';
import { startLocalDatabase } from '../local';
import { migrateDatabase } from '../migrate';

// `pnpm db:migrate`: migrates DATABASE_URL, or the embedded database when it is not set.
try {
  const database = await startLocalDatabase();
  try {
    await migrateDatabase(database.url);
    console.log(`migrations applied${database.embedded ? ' (embedded Postgres)' : ''}`);
  } finally {
    await database.stop();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
