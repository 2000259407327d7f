import { validateConfigurationAtStartup } from '@prood/next-config/instrumentation';

// Jobs are worked by the separate worker process (apps/worker); this app only enqueues them.
export const validateConfiguration = () =>
  validateConfigurationAtStartup(() => import('./env'), 'prood-api');
