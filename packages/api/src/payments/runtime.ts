import type { JobEnqueuer } from '../jobs/queues';
import type { RestContext } from '../rest/endpoint';
import type { LoadProviderSessionId } from './confirm';
import type { PaymentDeps, ResolveProvider } from './deps';

/**
 * What the REST payment endpoints (confirm, refunds, billing portal) need beyond the request
 * context. Built by the app where it wires the REST API; enqueuing needs a started pg-boss
 * client, never a worker in this process.
 */
export interface PaymentRuntime {
  resolveProvider: ResolveProvider;
  jobs: JobEnqueuer;
}

/** The payment deps for one REST request, from what the REST API was built with. */
export function paymentDepsFor(ctx: RestContext): PaymentDeps & {
  loadProviderSessionId: LoadProviderSessionId;
} {
  return {
    db: ctx.db,
    logger: ctx.logger,
    resolveProvider: ctx.payments.resolveProvider,
    jobs: ctx.payments.jobs,
    // the checkout app owns sessions: it knows which provider session backs ours
    loadProviderSessionId: async (tenantId, sessionId) =>
      (await ctx.checkoutApp.getSession(tenantId, sessionId))?.providerSessionId,
  };
}
