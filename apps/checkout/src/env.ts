import { reportInvalidEnv, sharedServerEnv } from '@prood/next-config/env';
import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';

/** The checkout app's configuration; the only module of this app that reads process.env. */
export const env = createEnv({
  server: {
    ...sharedServerEnv,
    DASHBOARD_URL: sharedServerEnv.DASHBOARD_URL.optional(),
    UPSTASH_REDIS_REST_URL: z.url().optional(),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  skipValidation: Boolean(process.env.SKIP_ENV_VALIDATION),
  onValidationError: reportInvalidEnv,
});
