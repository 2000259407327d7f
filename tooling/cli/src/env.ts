import { reportInvalidEnv } from '@prood/db/env-report';
import { createEnv } from '@t3-oss/env-core';
import { z } from 'zod';

/** What `pnpm prood` reads; flags win over these. */
export const cliEnv = createEnv({
  server: {
    PROOD_API_KEY: z
      .string()
      .regex(/^sk_(test|live)_/, 'must be a secret API key (sk_test_… or sk_live_…)')
      .optional(),
    PROOD_API_URL: z.url().default('http://localhost:3002'),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  onValidationError: reportInvalidEnv,
});
