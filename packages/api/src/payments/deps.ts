import type { PaymentProvider } from '@prood/checkout';
import type { Database, Integration } from '@prood/db';
import type { JobEnqueuer } from '../jobs/queues';
import type { Logger } from '../logger';

/**
 * Builds a tenant's provider from its stored integration; the app wires
 * `createTenantProviderResolver` (cached per integration version). A caller that has just read
 * the row passes it as `integration`, so it is not read again.
 */
export type ResolveProvider = (
  tenantId: string,
  providerId: string,
  integration?: Integration,
) => Promise<PaymentProvider>;

/**
 * What the payment-event code needs from the app: the database, the tenant's provider, the job
 * queue and a logger. Everything else is a function of the request.
 */
export interface PaymentDeps {
  db: Database;
  resolveProvider: ResolveProvider;
  jobs: JobEnqueuer;
  logger: Logger;
}

/** What `ingestPaymentWebhook` needs on top: the shared checkout-app secret (`CHECKOUT_API_SECRET`). */
export interface WebhookIngestDeps extends PaymentDeps {
  checkoutSecret: string;
}
