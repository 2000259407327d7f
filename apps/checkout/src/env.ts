import { reportInvalidEnv, sharedServerEnv } from '@prood/next-config/env';
import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';

/** The checkout app's configuration; the only module of this app that reads process.env. */
export const env = createEnv({
  server: {
    ...sharedServerEnv,
    DASHBOARD_URL: sharedServerEnv.DASHBOARD_URL.optional(),
    /** The port of the app's own server (`src/main.ts`) when `--port` is not given. */
    PORT: z.coerce.number().int().default(3004),
    UPSTASH_REDIS_REST_URL: z.url().optional(),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  skipValidation: Boolean(process.env.SKIP_ENV_VALIDATION),
  onValidationError: reportInvalidEnv,
});
