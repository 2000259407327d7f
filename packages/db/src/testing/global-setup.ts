import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../embedded';
import { dbEnv } from '../env';
import { resolveDataDir } from '../local';
import { migrateDatabase } from '../migrate';
import './provided-context';
import { createScratchDatabase, dropScratchDatabase } from './scratch-database';

interface SharedDatabase {
  databaseUrl: string;
  serverUrl: string;
  users: number;
  release: () => Promise<void>;
}

// Every vitest project runs this setup in the one main process; they share one database.
const registry = globalThis as typeof globalThis & { __proodTestDb?: Promise<SharedDatabase> };

async function acquire(): Promise<SharedDatabase> {
  let serverUrl = dbEnv.DATABASE_URL;
  let stopServer = async () => {};
  if (serverUrl) {
    console.info('[prood tests] Postgres: DATABASE_URL server');
  } else {
    const embedded = await startEmbeddedPostgres({
      dataDir: join(resolveDataDir(), 'test-postgres'),
      port: dbEnv.EMBEDDED_POSTGRES_PORT + 10,
      database: 'postgres',
    });
    serverUrl = embedded.url;
    stopServer = () => embedded.stop();
    console.info(`[prood tests] Postgres: embedded on port ${embedded.port}`);
  }
  const databaseUrl = await createScratchDatabase(serverUrl);
  await migrateDatabase(databaseUrl);
  return {
    databaseUrl,
    serverUrl,
    users: 0,
    release: async () => {
      await dropScratchDatabase(databaseUrl);
      await stopServer();
    },
  };
}

export default async function setup(project: TestProject) {
  registry.__proodTestDb ??= acquire();
  const shared = await registry.__proodTestDb;
  shared.users += 1;
  project.provide('databaseUrl', shared.databaseUrl);
  project.provide('databaseServerUrl', shared.serverUrl);
  return async () => {
    shared.users -= 1;
    if (shared.users === 0) {
      registry.__proodTestDb = undefined;
      await shared.release();
    }
  };
}
