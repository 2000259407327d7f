import {
  getProviderEvent,
  listProviderEvents,
  listProviderEventTypes,
  PROVIDER_EVENT_RESULTS,
} from '@prood/db';
import { idSchema } from '@prood/validators';
import { z } from 'zod';
import { notFound } from '../../errors';
import { router, tenantProcedure } from '../init';

/** A page cursor of the log: a stored event (`evt_…`) or a refused-deliveries row (`whr_…`). */
const cursorSchema = z.union([idSchema('event'), idSchema('webhookRejection')]);

/**
 * The provider event log (Developers → Provider events): every webhook a provider sent this
 * tenant, stored or refused. Read-only, so members read it as admins do.
 */
export const providerEventsRouter = router({
  /** Newest first, keyset-paged; filter by provider type and by result. */
  list: tenantProcedure
    .input(
      z.object({
        type: z.string().trim().min(1).max(100).optional(),
        result: z.enum(PROVIDER_EVENT_RESULTS).optional(),
        startingAfter: cursorSchema.optional(),
        limit: z.number().int().min(1).max(100).default(25),
      }),
    )
    .query(async ({ ctx, input }) => {
      const page = await listProviderEvents(ctx.db, { tenantId: ctx.tenantId, ...input });
      return page;
    }),
  /** The provider types this tenant has received, for the filter. */
  types: tenantProcedure.query(({ ctx }) =>
    listProviderEventTypes(ctx.db, { tenantId: ctx.tenantId }),
  ),
  /** One stored event: its raw payload, normalized events and what applying them did. */
  get: tenantProcedure.input(z.object({ id: idSchema('event') })).query(async ({ ctx, input }) => {
    const event = await getProviderEvent(ctx.db, { tenantId: ctx.tenantId, id: input.id });
    if (!event) throw notFound('provider event');
    return event;
  }),
});
