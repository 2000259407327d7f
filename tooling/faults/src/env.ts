import { createEnv } from '@t3-oss/env-core';
import { z } from 'zod';

/** The fault suite's knobs; the only module of it that reads process.env. */
export const faultsEnv = createEnv({
  server: {
    /** Ports: base+11 … base+19, Postgres 50259+base (clear of `pnpm e2e` on the same base). */
    PROOD_E2E_PORT_BASE: z.coerce.number().int().min(1024).max(60000).default(4100),
    /** Sandbox webhook deliveries in the kill -9 check. */
    PROOD_FAULTS_DELIVERIES: z.coerce.number().int().min(20).max(5000).default(500),
    /** Redis behind the checkout app's Upstash session store; unset: a private redis-server. */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .optional(),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
