import type { Database } from '@prood/db';
import type { Logger } from 'pino';

/** What every service call runs with: the database and the tenant, already authenticated. */
export interface TenantContext {
  db: Database;
  tenantId: string;
  logger: Logger;
}
