import { reportInvalidEnv, sharedServerEnv } from '@prood/next-config/env';
import { createEnv } from '@t3-oss/env-nextjs';

/** The dashboard's configuration; the only module of this app that reads process.env. */
export const env = createEnv({
  server: {
    DATABASE_URL: sharedServerEnv.DATABASE_URL,
    COMMERCE_API_URL: sharedServerEnv.COMMERCE_API_URL,
    DASHBOARD_URL: sharedServerEnv.DASHBOARD_URL,
    LOG_LEVEL: sharedServerEnv.LOG_LEVEL,
    OTEL_EXPORTER_OTLP_ENDPOINT: sharedServerEnv.OTEL_EXPORTER_OTLP_ENDPOINT,
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  skipValidation: Boolean(process.env.SKIP_ENV_VALIDATION),
  onValidationError: reportInvalidEnv,
});
