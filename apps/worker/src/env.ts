import { reportInvalidEnv, sharedServerEnv } from '@prood/next-config/env';
import { createEnv } from '@t3-oss/env-core';
import { z } from 'zod';

/** The worker's configuration; the only module of this app that reads process.env. */
export const env = createEnv({
  server: {
    DATABASE_URL: sharedServerEnv.DATABASE_URL,
    CHECKOUT_API_SECRET: sharedServerEnv.CHECKOUT_API_SECRET,
    CREDENTIALS_ENCRYPTION_KEYS: sharedServerEnv.CREDENTIALS_ENCRYPTION_KEYS,
    CHECKOUT_URL: sharedServerEnv.CHECKOUT_URL,
    COMMERCE_API_URL: sharedServerEnv.COMMERCE_API_URL,
    PAYMENT_PROVIDER_API_URLS: sharedServerEnv.PAYMENT_PROVIDER_API_URLS,
    LOG_LEVEL: sharedServerEnv.LOG_LEVEL,
    OTEL_EXPORTER_OTLP_ENDPOINT: sharedServerEnv.OTEL_EXPORTER_OTLP_ENDPOINT,
    /** Public URL of the commerce API, for the retry link in payment-failed mails. */
    API_PUBLIC_URL: z.url().optional(),
    MAIL_FROM: z.string().min(3).default('orders@prood.dev'),
    /** SMTP server for real mail; unset, mail goes to the dev outbox table. */
    SMTP_URL: z.url().optional(),
    /** Port of the worker's liveness/readiness endpoints (`/health/live`, `/health/ready`). */
    WORKER_PORT: z.coerce.number().int().min(1).max(65535).default(3005),
    /** How often an idle worker polls its queues, in seconds. */
    WORKER_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
    /** Jobs of each queue one worker process runs at once (each job still claimed once). */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  onValidationError: reportInvalidEnv,
});
