import { z } from 'zod';

export { reportInvalidEnv } from '@prood/db/env-report';

/** Schema pieces several apps' env modules share, so each variable is validated one way. */
export const sharedServerEnv = {
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CHECKOUT_API_SECRET: z.string().min(32, 'must be at least 32 characters'),
  CREDENTIALS_ENCRYPTION_KEYS: z.string().min(1),
  COMMERCE_API_URL: z.url().default('http://localhost:3002'),
  CHECKOUT_URL: z.url().default('http://localhost:3004'),
  DASHBOARD_URL: z.url().default('http://localhost:3001'),
  /**
   * `provider=url` pairs, comma-separated: the base URL of a payment provider's API when it is
   * not the provider's own (tests point the real SDKs at the fakes in tooling/). Unset in production.
   */
  PAYMENT_PROVIDER_API_URLS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const urls: Record<string, string> = {};
      for (const pair of (value ?? '').split(',').filter((p) => p.trim() !== '')) {
        const [id, url] = pair.split(/=(.*)/s).map((part) => part.trim());
        if (!id || !/^[a-z][a-z0-9_-]*$/.test(id) || !url || !URL.canParse(url)) {
          ctx.addIssue({ code: 'custom', message: 'must be provider=url pairs, comma-separated' });
          return z.NEVER;
        }
        urls[id] = url;
      }
      return urls;
    }),
  /** OTLP/HTTP collector; unset, tracing stays off. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
};

/** `next dev` (development builds relax the CSP for React's dev tooling). */
export const isDevelopmentServer = process.env.NODE_ENV === 'development';
