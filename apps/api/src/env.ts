import { reportInvalidEnv, sharedServerEnv } from '@prood/next-config/env';
import { createEnv } from '@t3-oss/env-nextjs';

/** The commerce API's configuration; the only module of this app that reads process.env. */
export const env = createEnv({
  server: {
    DATABASE_URL: sharedServerEnv.DATABASE_URL,
    CHECKOUT_API_SECRET: sharedServerEnv.CHECKOUT_API_SECRET,
    CHECKOUT_URL: sharedServerEnv.CHECKOUT_URL,
    CREDENTIALS_ENCRYPTION_KEYS: sharedServerEnv.CREDENTIALS_ENCRYPTION_KEYS,
    LOG_LEVEL: sharedServerEnv.LOG_LEVEL,
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  skipValidation: Boolean(process.env.SKIP_ENV_VALIDATION),
  onValidationError: reportInvalidEnv,
});
