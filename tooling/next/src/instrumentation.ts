import { installNextGracefulShutdown } from '@prood/db/lifecycle';
import { startTracing } from '@prood/http/tracing';

/**
 * Loads an app's env module when the server starts rather than at the first request, and stops
 * with one clear line naming the bad variable instead of a stack trace. Then starts tracing
 * (OpenTelemetry, exported over OTLP only when `OTEL_EXPORTER_OTLP_ENDPOINT` is set) and
 * installs graceful shutdown (readiness 503 on SIGTERM, pools closed before the exit). Node
 * runtime only.
 */
export async function validateConfigurationAtStartup(
  loadEnv: () => Promise<{ env: { OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined } }>,
  serviceName: string,
) {
  // the API's own server runs this before Next.js loads instrumentation.ts in the same process
  const once = globalThis as typeof globalThis & Record<symbol, boolean | undefined>;
  const key = Symbol.for('prood.startup-validated');
  if (once[key]) return;
  once[key] = true;
  let env: { OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined };
  try {
    ({ env } = await loadEnv());
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  startTracing({ serviceName, otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
  installNextGracefulShutdown();
}
