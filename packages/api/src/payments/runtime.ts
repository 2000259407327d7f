import { ApiError } from '../errors';
import type { JobEnqueuer } from '../jobs/queues';
import type { RestContext } from '../rest/endpoint';
import type { LoadProviderSessionId } from './confirm';
import type { PaymentDeps, ResolveProvider } from './deps';

/** What the REST payment endpoints (confirm, refunds) need beyond the request context. */
export interface PaymentRuntime {
  resolveProvider: ResolveProvider;
  jobs: JobEnqueuer;
}

// Configuration, not state: set once at start-up from the app's env, identical on every instance.
let configured: PaymentRuntime | undefined;

/**
 * Gives the REST router's payment endpoints their provider resolver and job queue. Call once
 * when the app builds its REST API.
 *
 * @example
 * configurePayments({ resolveProvider, jobs: jobs.enqueuer });
 */
export function configurePayments(runtime: PaymentRuntime | undefined): void {
  configured = runtime;
}

const unconfigured = () =>
  new ApiError('checkout_unavailable', 'Payments are not configured on this server.');

/**
 * The payment deps for one REST request. An unconfigured server answers 502 only when a
 * provider or the queue is actually needed, so unknown ids still answer 404.
 */
export function paymentDepsFor(ctx: RestContext): PaymentDeps & {
  loadProviderSessionId: LoadProviderSessionId;
} {
  return {
    db: ctx.db,
    logger: ctx.logger,
    resolveProvider: (tenantId, providerId) =>
      configured
        ? configured.resolveProvider(tenantId, providerId)
        : Promise.reject(unconfigured()),
    jobs: {
      enqueue: (db, job) =>
        configured ? configured.jobs.enqueue(db, job) : Promise.reject(unconfigured()),
    },
    // the checkout app owns sessions: it knows which provider session backs ours
    loadProviderSessionId: async (tenantId, sessionId) =>
      (await ctx.checkoutApp.getSession(tenantId, sessionId))?.providerSessionId,
  };
}
