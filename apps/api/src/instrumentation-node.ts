import { validateConfigurationAtStartup } from '@prood/next-config/instrumentation';

export async function validateConfiguration(): Promise<void> {
  await validateConfigurationAtStartup(() => import('./env'));
  const { env } = await import('./env');
  if (env.RUN_JOB_WORKERS) {
    const { startPaymentWorkers } = await import('./server/payments');
    await startPaymentWorkers();
  }
}
