import { reportInvalidEnv } from '@prood/db/env-report';
import { createEnv } from '@t3-oss/env-core';
import { z } from 'zod';

/** The worker's configuration; the only module of this app that reads process.env. */
export const env = createEnv({
  server: {
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL'),
    CHECKOUT_API_SECRET: z.string().min(32, 'must be at least 32 characters'),
    CREDENTIALS_ENCRYPTION_KEYS: z.string().min(1),
    CHECKOUT_URL: z.url().default('http://localhost:3004'),
    COMMERCE_API_URL: z.url().default('http://localhost:3002'),
    /** Public URL of the commerce API, for the retry link in payment-failed mails. */
    API_PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    MAIL_FROM: z.string().min(3).default('orders@prood.dev'),
    /** SMTP server for real mail; unset, mail goes to the dev outbox table. */
    SMTP_URL: z.url().optional(),
    /** Port of the worker's liveness/readiness endpoints (`/health/live`, `/health/ready`). */
    WORKER_PORT: z.coerce.number().int().min(1).max(65535).default(3005),
    /** How often an idle worker polls its queues, in seconds. */
    WORKER_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  onValidationError: reportInvalidEnv,
});
