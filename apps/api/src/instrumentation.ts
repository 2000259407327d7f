/** Runs once when the server starts; the Node-only part validates the configuration. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { validateConfiguration } = await import('./instrumentation-node');
    await validateConfiguration();
  }
}
