import { validateConfigurationAtStartup } from '@prood/next-config/instrumentation';

export async function validateConfiguration(): Promise<void> {
  await validateConfigurationAtStartup(() => import('./env'), 'prood-checkout');
  const { startSandboxDelivery } = await import('./server/sandbox-worker');
  startSandboxDelivery();
  const { startExpirySweep } = await import('./server/expiry-sweep');
  startExpirySweep();
}
