import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded';
import { migrateDatabase } from './migrate';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

describe('embedded Postgres default', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prood-embedded-'));
  // mkdtemp makes a 0700 folder; as root, Postgres runs as `postgres` and must enter it
  chmodSync(dir, 0o755);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('starts, migrates, keeps data across a restart, and stops', async () => {
    const port = await freePort();
    const dataDir = join(dir, 'pg');
    const first = await startEmbeddedPostgres({ dataDir, port, database: 'prood' });
    expect(first.initialised).toBe(true);
    try {
      await migrateDatabase(first.url);
      const sql = postgres(first.url, { max: 1, onnotice: () => {} });
      await sql`insert into organizations (id, name, slug) values ('org_keep', 'Keep', 'keep')`;
      await sql.end();
    } finally {
      await first.stop();
    }
    // stopped: nothing listens any more
    await expect(postgres(first.url, { max: 1, connect_timeout: 2 })`select 1`).rejects.toThrow();

    const second = await startEmbeddedPostgres({ dataDir, port, database: 'prood' });
    expect(second.initialised).toBe(false);
    try {
      const sql = postgres(second.url, { max: 1, onnotice: () => {} });
      const rows = await sql`select slug from organizations where id = 'org_keep'`;
      await sql.end();
      expect(rows).toEqual([{ slug: 'keep' }]);
    } finally {
      await second.stop();
    }
  });

  it('says so when its port is taken', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      await expect(startEmbeddedPostgres({ dataDir: join(dir, 'taken'), port })).rejects.toThrow(
        /already in use/,
      );
    } finally {
      server.close();
    }
  });

  // As root, a clone under /root or in `mktemp -d` (0700) is not enterable by `postgres`.
  it.skipIf(process.getuid?.() !== 0)(
    'as root, stages the cluster where postgres can reach it when the data directory is closed',
    async () => {
      const closed = mkdtempSync(join(tmpdir(), 'prood-closed-'));
      const stageDir = join(dir, 'stage');
      try {
        const port = await freePort();
        const dataDir = join(closed, 'pg');
        const first = await startEmbeddedPostgres({ dataDir, port, stageDir });
        try {
          expect(first.dataDir.startsWith(stageDir)).toBe(true);
          expect(readFileSync(`${dataDir}.location`, 'utf8')).toContain(first.dataDir);
          const sql = postgres(first.url, { max: 1, onnotice: () => {} });
          await sql`create table kept (v int)`;
          await sql`insert into kept values (42)`;
          await sql.end();
        } finally {
          await first.stop();
        }
        const second = await startEmbeddedPostgres({ dataDir, port, stageDir });
        try {
          expect(second.initialised).toBe(false);
          expect(second.dataDir).toBe(first.dataDir);
          const sql = postgres(second.url, { max: 1, onnotice: () => {} });
          expect(await sql`select v from kept`).toEqual([{ v: 42 }]);
          await sql.end();
        } finally {
          await second.stop();
        }
        expect(existsSync(join(closed, 'pg', 'PG_VERSION'))).toBe(false);
      } finally {
        rmSync(closed, { recursive: true, force: true });
      }
    },
  );
});
