import { installNextGracefulShutdown } from '@prood/db/lifecycle';

/**
 * Loads an app's env module when the server starts rather than at the first request, and stops
 * with one clear line naming the bad variable instead of a stack trace. Then installs graceful
 * shutdown (readiness 503 on SIGTERM, pools closed before the exit). Node runtime only.
 */
export async function validateConfigurationAtStartup(loadEnv: () => Promise<unknown>) {
  try {
    await loadEnv();
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  installNextGracefulShutdown();
}
