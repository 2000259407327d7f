import { validateConfigurationAtStartup } from '@prood/next-config/instrumentation';

export const validateConfiguration = () =>
  validateConfigurationAtStartup(() => import('./env'), 'prood-dashboard');
