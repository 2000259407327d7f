import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

/**
 * Creates an empty database beside the one `serverUrl` points at and returns its URL. The test
 * suite works in a database of its own, so it never touches data it did not create.
 */
export async function createScratchDatabase(
  serverUrl: string,
  prefix = 'prood_test',
): Promise<string> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database made by `createScratchDatabase`, closing whatever still uses it. */
export async function dropScratchDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name.replaceAll('"', '""')}" with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}
