import { reportInvalidEnv } from '@prood/db/env-report';
import { createEnv } from '@t3-oss/env-core';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

/** What `pnpm dev` and `pnpm start` read; anything not set falls back to the embedded defaults. */
export const devEnv = createEnv({
  server: {
    CHECKOUT_API_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    CREDENTIALS_ENCRYPTION_KEYS: z.string().min(1).optional(),
    BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    COMMERCE_API_URL: z.url().optional(),
    CHECKOUT_URL: z.url().optional(),
    DASHBOARD_URL: z.url().optional(),
    UPSTASH_REDIS_REST_URL: z.url().optional(),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
    API_PORT: port.default(3002),
    CHECKOUT_PORT: port.default(3004),
    DASHBOARD_PORT: port.default(3001),
    WORKER_PORT: port.default(3005),
    /** `pnpm start`: print every line of the production build, not only its progress. */
    PROOD_BUILD_VERBOSE: z
      .enum(['0', '1'])
      .default('0')
      .transform((v) => v === '1'),
    /** `pnpm start`: serve the existing builds without running turbo first (e.g. after `pnpm build`). */
    PROOD_SKIP_BUILD: z
      .enum(['0', '1'])
      .default('0')
      .transform((v) => v === '1'),
    DEV_READY_TIMEOUT_SECONDS: z.coerce.number().int().min(10).default(240),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  onValidationError: reportInvalidEnv,
});

/** The parent environment, handed on to the apps with the embedded defaults filled in. */
export function inheritedEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env };
}
