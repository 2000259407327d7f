import { createEnv } from '@t3-oss/env-core';
import { z } from 'zod';
import { ConfigError, reportInvalidEnv } from './env-report';

export { ConfigError };

const postgresUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value) && URL.canParse(value), {
    message: 'must be a postgres:// or postgresql:// connection URL',
  });

/**
 * The database package's configuration. `DATABASE_URL` is optional here: without it the
 * platform starts an embedded Postgres (see `./embedded`).
 */
export const dbEnv = createEnv({
  server: {
    DATABASE_URL: postgresUrl.optional(),
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    /**
     * Named prepared statements (one round trip per statement instead of two); `false` behind a
     * pooler in transaction mode that cannot keep them (PgBouncer before 1.21).
     */
    DATABASE_PREPARE: z
      .enum(['true', 'false', '1', '0'])
      .default('true')
      .transform((value) => value === 'true' || value === '1'),
    /** Port of the embedded Postgres that runs when DATABASE_URL is not set. */
    EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    /** Where local state lives (embedded Postgres, generated secrets); default `<repo>/.data`. */
    PROOD_DATA_DIR: z.string().min(1).optional(),
    /**
     * As root in a directory the `postgres` user cannot enter, where the embedded Postgres's
     * binaries and data are staged instead (default /var/lib/prood).
     */
    PROOD_ROOT_STAGE_DIR: z.string().min(1).optional(),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  onValidationError: reportInvalidEnv,
});

/** Parses a connection URL the way the env module does, for callers that got it elsewhere. */
export function assertPostgresUrl(name: string, value: string): string {
  const result = postgresUrl.safeParse(value);
  if (!result.success) {
    throw new ConfigError(
      `Invalid configuration: ${name}: ${result.error.issues[0]?.message ?? 'is invalid'}`,
    );
  }
  return value;
}
