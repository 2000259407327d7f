import { reportInvalidEnv, sharedServerEnv } from '@prood/next-config/env';
import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';

/** The commerce API's configuration; the only module of this app that reads process.env. */
export const env = createEnv({
  server: {
    DATABASE_URL: sharedServerEnv.DATABASE_URL,
    CHECKOUT_API_SECRET: sharedServerEnv.CHECKOUT_API_SECRET,
    CHECKOUT_URL: sharedServerEnv.CHECKOUT_URL,
    CREDENTIALS_ENCRYPTION_KEYS: sharedServerEnv.CREDENTIALS_ENCRYPTION_KEYS,
    PAYMENT_PROVIDER_API_URLS: sharedServerEnv.PAYMENT_PROVIDER_API_URLS,
    LOG_LEVEL: sharedServerEnv.LOG_LEVEL,
    DASHBOARD_URL: sharedServerEnv.DASHBOARD_URL,
    BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters'),
    /** Sender of account mail (verification, password reset), as the worker's MAIL_FROM. */
    MAIL_FROM: z.string().min(3).default('orders@prood.dev'),
    /** SMTP server for real mail; unset, account mail goes to the dev outbox table. */
    SMTP_URL: z.url().optional(),
    /** How long a cart lives without changes. */
    CART_TTL_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(60 * 24 * 30)
      .default(60 * 24),
    PORT: z.coerce.number().int().default(3002),
    /** Public URL of this API, advertised in the OpenAPI document. */
    API_PUBLIC_URL: z.url().optional(),
    /** Checkout sessions (and payment links) a tenant may start per minute. */
    RATE_LIMIT_SESSIONS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
    /** Dashboard sign-ups per client IP per hour. */
    RATE_LIMIT_SIGNUPS_PER_HOUR: z.coerce.number().int().min(1).default(5),
    OTEL_EXPORTER_OTLP_ENDPOINT: sharedServerEnv.OTEL_EXPORTER_OTLP_ENDPOINT,
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  skipValidation: Boolean(process.env.SKIP_ENV_VALIDATION),
  onValidationError: reportInvalidEnv,
});
